using AuroraTime.CalDav.WebDav.Http;

namespace AuroraTime.CalDav.WebDav.Tree;

/// <summary>
/// The resource tree the core serves. A store implements it (directly or through an adapter); the
/// core only walks it and asks nodes for capabilities (<see cref="IDavCollection"/>,
/// <see cref="IDavFile"/>, <see cref="IDavPropertyStore"/> ...), as sabre/dav's Tree and INode do.
/// Stores keep returning domain outcomes; the adapter that implements these interfaces over a
/// store is the boundary that turns them into <see cref="DavException"/> (404, 412, 507 ...).
/// </summary>
public interface IDavTree
{
    /// <summary>The node at <paramref name="path"/>, or null when nothing is there.</summary>
    ValueTask<IDavNode?> GetNodeAsync(DavPath path, CancellationToken cancellationToken);
}
