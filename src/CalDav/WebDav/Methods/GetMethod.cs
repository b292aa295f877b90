using System.Globalization;
using System.Text;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>GET and HEAD (RFC 9110 sections 9.3.1-9.3.2; RFC 4918 section 9.4 for collections).</summary>
internal sealed class GetMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var node = await request.GetExistingTargetAsync();
        var response = request.Http.Response;
        var notModified = await request.CheckPreconditionsAsync(node);
        WriteValidators(response, node);
        if (notModified)
        {
            response.StatusCode = 304;
            return;
        }
        var isHead = HttpMethods.IsHead(request.Http.Request.Method);
        if (node is IDavFile file)
        {
            response.StatusCode = 200;
            response.ContentType = file.ContentType;
            response.ContentLength = file.ContentLength;
            if (!isHead)
            {
                await using var body = await file.OpenReadAsync(request.Aborted);
                await body.CopyToAsync(response.Body, request.Aborted);
            }
            return;
        }
        // RFC 4918 9.4: GET on a collection may return anything; a plain list of member hrefs
        // helps people poking with curl and is never mistaken for a DAV answer.
        var listing = new StringBuilder();
        if (node is IDavCollection collection)
        {
            await foreach (var child in collection.GetChildrenAsync(request.Aborted))
            {
                listing.Append(request.HrefFor(DavRequest.ChildPath(request.Path, child), child)).Append('\n');
            }
        }
        var bytes = Encoding.UTF8.GetBytes(listing.ToString());
        response.StatusCode = 200;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = bytes.Length;
        if (!isHead)
        {
            await response.Body.WriteAsync(bytes, request.Aborted);
        }
    }

    internal static void WriteValidators(HttpResponse response, IDavNode node)
    {
        if (node.ETag is { } etag)
        {
            response.Headers.ETag = etag.ToString();
        }
        if (node.LastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        }
    }
}
