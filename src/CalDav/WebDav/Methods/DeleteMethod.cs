using AuroraTime.CalDav.WebDav.Http;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// DELETE (RFC 4918 section 9.6). For collections the server "MUST act as if a 'Depth: infinity'
/// header was used" (9.6.1), so the Depth header is ignored.
/// </summary>
internal sealed class DeleteMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var node = await request.GetExistingTargetAsync();
        await request.CheckPreconditionsAsync(node);
        var parent = await TargetParent.GetAsync(request, request.Path);
        await parent.DeleteChildAsync(node.Name, node.ETag, request.Aborted);
        request.Http.Response.StatusCode = 204;
    }
}
