namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>OPTIONS (RFC 4918 section 10.1): DAV compliance classes and the Allow list.</summary>
internal sealed class OptionsMethod : IDavMethodHandler
{
    public Task HandleAsync(DavRequest request)
    {
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.Headers["DAV"] = request.Server.DavHeader;
        response.Headers.Allow = request.Server.AllowHeader;
        // Microsoft clients look for this before they treat the server as DAV.
        response.Headers["MS-Author-Via"] = "DAV";
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
