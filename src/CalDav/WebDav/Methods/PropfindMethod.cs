using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// PROPFIND (RFC 4918 section 9.1). Depth infinity is refused with 403 and
/// DAV:propfind-finite-depth, as 9.1 allows; a missing Depth header is treated as 1 (sabre/dav's
/// choice) instead of the RFC's infinity, so clients that forget it still get an answer.
/// </summary>
internal sealed class PropfindMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var depth = request.GetDepth(whenMissing: DavDepth.One);
        if (depth == DavDepth.Infinity)
        {
            throw new DavException(403, DavNames.PropfindFiniteDepth, "PROPFIND with Depth: infinity is not supported.");
        }
        var what = PropertyRequest.ParsePropfind(await request.ReadXmlAsync());
        var node = await request.GetExistingTargetAsync();

        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        await writer.WriteResponseAsync(request.HrefFor(request.Path, node), await PropertyEvaluator.EvaluateAsync(request, node, what));
        if (depth == DavDepth.One && node is IDavCollection collection)
        {
            await foreach (var child in collection.GetChildrenAsync(request.Aborted))
            {
                var href = request.HrefFor(DavRequest.ChildPath(request.Path, child), child);
                await writer.WriteResponseAsync(href, await PropertyEvaluator.EvaluateAsync(request, child, what));
            }
        }
    }
}
