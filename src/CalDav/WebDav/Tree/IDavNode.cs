using AuroraTime.CalDav.WebDav.Http;

namespace AuroraTime.CalDav.WebDav.Tree;

/// <summary>
/// Any resource. The members are a snapshot taken when the node was loaded; they are cheap to read.
/// </summary>
public interface IDavNode
{
    /// <summary>The decoded last path segment ("" for the root).</summary>
    string Name { get; }

    /// <summary>
    /// The percent-encoded spelling the client used when it created this node, or null to use the
    /// server's canonical encoding in hrefs.
    /// </summary>
    string? EncodedName { get; }

    /// <summary>The strong entity tag of the current representation, or null when there is none.</summary>
    EntityTag? ETag { get; }

    DateTimeOffset? LastModified { get; }

    DateTimeOffset? CreationDate { get; }
}

/// <summary>A resource with members (RFC 4918 section 5.2).</summary>
public interface IDavCollection : IDavNode
{
    IAsyncEnumerable<IDavNode> GetChildrenAsync(CancellationToken cancellationToken);

    ValueTask<IDavNode?> GetChildAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A resource with a body that GET returns.</summary>
public interface IDavFile : IDavNode
{
    string ContentType { get; }

    long ContentLength { get; }

    ValueTask<Stream> OpenReadAsync(CancellationToken cancellationToken);
}

/// <summary>Capability: the body can be replaced by PUT.</summary>
public interface IDavWritableFile : IDavFile
{
    /// <summary>
    /// Replaces the body and returns the new entity tag. When <paramref name="expectedETag"/> is
    /// given, the write must happen only if it is still the current tag, checked in the same
    /// transaction as the write (DESIGN.md: ETag preconditions inside the store's transaction);
    /// otherwise throw <see cref="DavException"/> 412.
    /// </summary>
    ValueTask<EntityTag> WriteAsync(Stream content, string? contentType, EntityTag? expectedETag, CancellationToken cancellationToken);
}

/// <summary>What a new collection is to be (extended MKCOL, RFC 5689; COPY of a collection).</summary>
/// <param name="ResourceTypes">Resource types besides DAV:collection, each registered as creatable.</param>
/// <param name="Properties">Properties to store with the collection, already validated.</param>
public sealed record DavCollectionSpec(IReadOnlyList<System.Xml.Linq.XName> ResourceTypes, IReadOnlyList<System.Xml.Linq.XElement> Properties)
{
    public static DavCollectionSpec Plain { get; } = new([], []);
}

/// <summary>Capability: members can be created and removed (PUT, MKCOL, DELETE, COPY, MOVE).</summary>
public interface IDavWritableCollection : IDavCollection
{
    /// <summary>
    /// Creates a file. The name must still be free when the store commits; if a member appeared
    /// meanwhile, throw <see cref="DavException"/> 412 (the core already checked If-None-Match).
    /// </summary>
    ValueTask<IDavFile> CreateFileAsync(DavSegment name, Stream content, string? contentType, CancellationToken cancellationToken);

    /// <summary>Creates a collection; a name taken meanwhile is a 412 as for files.</summary>
    ValueTask<IDavCollection> CreateCollectionAsync(DavSegment name, DavCollectionSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a member and, for a collection, everything below it. With
    /// <paramref name="expectedETag"/>, only if that is still the member's tag (else 412); a member
    /// that is already gone is a 404.
    /// </summary>
    ValueTask DeleteChildAsync(string name, EntityTag? expectedETag, CancellationToken cancellationToken);
}
