using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// PUT (RFC 9110 section 9.3.4, RFC 4918 section 9.7): 201 Created for a new resource, 204 for a
/// replaced one (clients treat 200 as an error, INTEROP.md), always with the new ETag.
/// </summary>
internal sealed class PutMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var http = request.Http.Request;
        var parent = await TargetParent.GetAsync(request, request.Path);
        var existing = await parent.GetChildAsync(request.Path.Last.Name, request.Aborted);
        if (existing is IDavCollection)
        {
            throw new DavException(405, null, "PUT cannot replace a collection.");
        }
        await request.CheckPreconditionsAsync(existing);
        // RFC 9110 9.3.4: "An origin server that allows PUT on a given target resource MUST send a
        // 400 (Bad Request) response to a PUT request that contains a Content-Range header field".
        if (http.Headers.ContentRange.Count > 0)
        {
            throw new DavException(400, null, "Partial PUT with Content-Range is not supported.");
        }
        var limit = request.Server.Options.MaxResourceBytes;
        if (http.ContentLength > limit)
        {
            throw new DavException(413, null, $"The resource is larger than {limit} bytes.");
        }
        await using var body = new LengthLimitedStream(http.Body, limit);
        var response = request.Http.Response;
        if (existing is IDavWritableFile file)
        {
            // The tag just checked goes to the store, which re-checks it inside its write transaction.
            var etag = await file.WriteAsync(body, http.ContentType, file.ETag, request.Aborted);
            response.Headers.ETag = etag.ToString();
            response.StatusCode = 204;
            return;
        }
        if (existing is not null)
        {
            throw new DavException(403, null, "This resource cannot be changed.");
        }
        var created = await parent.CreateFileAsync(request.Path.Last, body, http.ContentType, request.Aborted);
        if (created.ETag is { } newTag)
        {
            response.Headers.ETag = newTag.ToString();
        }
        response.StatusCode = 201;
    }
}
