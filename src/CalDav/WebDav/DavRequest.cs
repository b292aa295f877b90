using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav;

/// <summary>One WebDAV request as the method handlers see it.</summary>
public sealed class DavRequest
{
    private IDavNode? _target;
    private bool _targetLoaded;

    internal DavRequest(HttpContext http, DavServer server, IDavTree tree, DavPath path, string encodedBase)
    {
        Http = http;
        Server = server;
        Tree = tree;
        Path = path;
        EncodedBase = encodedBase;
        PrincipalHref = server.Options.PrincipalResolver(http);
    }

    public HttpContext Http { get; }

    public DavServer Server { get; }

    public IDavTree Tree { get; }

    /// <summary>The request target inside the tree, with the client's own encoding.</summary>
    public DavPath Path { get; }

    /// <summary>The mount point as an encoded absolute path without trailing slash ("" at the root).</summary>
    public string EncodedBase { get; }

    /// <summary>Href of the signed-in principal, or null when anonymous.</summary>
    public string? PrincipalHref { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The node at <see cref="Path"/>, loaded once.</summary>
    public async ValueTask<IDavNode?> GetTargetAsync()
    {
        if (!_targetLoaded)
        {
            _target = await Tree.GetNodeAsync(Path, Aborted);
            _targetLoaded = true;
        }
        return _target;
    }

    /// <summary>The target, or a 404.</summary>
    public async ValueTask<IDavNode> GetExistingTargetAsync() =>
        await GetTargetAsync() ?? throw new DavException(404, null, "No resource at this path.");

    /// <summary>Absolute-path href; collections end in '/'.</summary>
    public string HrefFor(DavPath path, IDavNode node) => path.ToHref(EncodedBase, node is IDavCollection);

    /// <summary>
    /// A member's href from its collection's (<paramref name="memberPrefix"/>: DavPath.ToHref of the
    /// collection, ending in '/'), the same text ToHref gives for <see cref="ChildPath"/>: a listing encodes
    /// the collection once instead of once per member.
    /// </summary>
    public static string MemberHref(string memberPrefix, string encodedSegment, bool isCollection) =>
        isCollection ? string.Concat(memberPrefix, encodedSegment, "/") : string.Concat(memberPrefix, encodedSegment);

    /// <inheritdoc cref="MemberHref(string, string, bool)"/>
    public static string MemberHref(string memberPrefix, IDavNode child) =>
        MemberHref(memberPrefix, child.EncodedName ?? DavSegment.Encode(child.Name), child is IDavCollection);

    /// <summary>The path of a member, spelled as its creator spelled it.</summary>
    public static DavPath ChildPath(DavPath parent, IDavNode child) =>
        parent.Append(new DavSegment(child.Name, child.EncodedName ?? DavSegment.Encode(child.Name)));

    /// <summary>
    /// The one place where preconditions are checked: the WebDAV If header (RFC 4918 10.4), then
    /// If-Match / If-Unmodified-Since / If-None-Match / If-Modified-Since (RFC 9110 13.2.2).
    /// Throws 412 on failure.
    /// </summary>
    /// <returns>True when a GET/HEAD should be answered 304 Not Modified.</returns>
    public async ValueTask<bool> CheckPreconditionsAsync(IDavNode? target)
    {
        var ifHeader = Http.Request.Headers["If"].ToString();
        if (ifHeader.Length > 0)
        {
            var lists = IfHeader.Parse(ifHeader);
            if (!await IfHeader.EvaluateAsync(lists, target, ResolveTagAsync))
            {
                throw new DavException(412, null, "The If header does not hold.");
            }
        }
        return ConditionalRequest.ThrowIfFailed(Http.Request, target);
    }

    /// <summary>The node a resource tag of the If header names, or null when it is not in this tree.</summary>
    private async ValueTask<IDavNode?> ResolveTagAsync(string resourceTag)
    {
        var rawPath = resourceTag;
        var scheme = resourceTag.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var slash = resourceTag.IndexOf('/', scheme + 3);
            rawPath = slash < 0 ? "/" : resourceTag[slash..];
        }
        if (!DavPath.TryParse(rawPath.Split('?', '#')[0], out var full)
            || !DavPath.TryParse(EncodedBase, out var mount)
            || full.RelativeTo(mount) is not { } path)
        {
            return null;
        }
        return await Tree.GetNodeAsync(path, Aborted);
    }

    /// <summary>The Depth header, with <paramref name="whenMissing"/> as default.</summary>
    public DavDepth GetDepth(DavDepth whenMissing) => DavDepthHeader.Parse(Http.Request.Headers["Depth"], whenMissing);

    /// <summary>The request body as a safe XML document, or null when the body is empty.</summary>
    public Task<XDocument?> ReadXmlAsync() => DavXmlReader.ReadAsync(Http.Request, Server.Options, Aborted);
}
