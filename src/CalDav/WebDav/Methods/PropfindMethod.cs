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
        var minimal = WantsMinimal(request);
        if (minimal)
        {
            request.Http.Response.Headers["Preference-Applied"] = "return=minimal";
        }

        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        await WriteAsync(request, writer, request.HrefFor(request.Path, node), node, what, minimal);
        if (depth == DavDepth.One && node is IDavCollection collection)
        {
            var memberPrefix = request.Path.ToHref(request.EncodedBase, isCollection: true);
            await foreach (var child in collection.GetChildrenAsync(request.Aborted))
            {
                await WriteAsync(request, writer, DavRequest.MemberHref(memberPrefix, child), child, what, minimal);
            }
        }
    }

    private static async Task WriteAsync(DavRequest request, MultistatusWriter writer, string href, IDavNode node, PropertyRequest what, bool minimal)
    {
        var results = await PropertyEvaluator.EvaluateAsync(request, node, what);
        await writer.WriteResponseAsync(href, minimal ? [.. results.Where(r => r.Status == 200)] : results);
    }

    /// <summary>
    /// RFC 8144 section 2.1: with "Prefer: return=minimal" a PROPFIND response leaves out the
    /// propstats of properties that were not found; "Brief: t" is the older spelling Apple sends.
    /// </summary>
    private static bool WantsMinimal(DavRequest request)
    {
        var headers = request.Http.Request.Headers;
        return headers["Prefer"].Any(v => v?.Split(',').Any(p => p.Trim().Equals("return=minimal", StringComparison.OrdinalIgnoreCase)) == true)
            || headers["Brief"].ToString().Trim().Equals("t", StringComparison.OrdinalIgnoreCase);
    }
}
