using AuroraTime.CalDav.WebDav.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuroraTime.CalDav.WebDav;

/// <summary>
/// Serves the DAV tree under the current PathBase: dispatches on the method to what modules
/// registered and maps every <see cref="DavException"/> to a response in one place.
/// </summary>
public sealed partial class WebDavMiddleware
{
    private readonly DavServer _server;
    private readonly ILogger<WebDavMiddleware> _logger;

    public WebDavMiddleware(RequestDelegate next, DavServer server, ILogger<WebDavMiddleware> logger)
    {
        _ = next; // terminal: everything under the mount point is DAV.
        _server = server;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method.ToUpperInvariant();
        try
        {
            if (!_server.Methods.TryGetValue(method, out var handler))
            {
                Log.MethodNotSupported(_logger, method);
                throw new DavException(405, null, $"{method} is not supported here.");
            }
            var request = CreateRequest(context);
            await handler.HandleAsync(request);
        }
        catch (DavException e)
        {
            if (context.Response.HasStarted)
            {
                Log.ErrorAfterResponseStarted(_logger, method, e.Status, e.Message);
                context.Abort();
                return;
            }
            Log.RequestFailed(_logger, method, e.Status, e.Message);
            await DavErrorWriter.WriteAsync(context.Response, e, _server.AllowHeader);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own body limit (MaxRequestBodySize) surfaces here.
            await DavErrorWriter.WriteAsync(context.Response, new DavException(e.StatusCode, null, e.Message), _server.AllowHeader);
        }
    }

    private DavRequest CreateRequest(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var query = rawTarget?.IndexOf('?') ?? -1;
        var targetPath = rawTarget is null || query < 0 ? rawTarget : rawTarget[..query];
        // RFC 9112 3.2: a request-target has no fragment. Acting on the part before '#' could
        // delete a parent collection (litmus delete_fragment), so such targets are refused.
        if (targetPath?.Contains('#') == true)
        {
            throw new DavException(400, null, "The request target must not contain a fragment.");
        }
        var rawPath = string.IsNullOrEmpty(targetPath) || targetPath[0] != '/'
            ? context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent()
            : targetPath;
        if (!DavPath.TryParse(rawPath, out var fullPath))
        {
            throw new DavException(400, null, "The request path is not a valid percent-encoded path.");
        }
        var encodedBase = context.Request.PathBase.ToUriComponent().TrimEnd('/');
        if (!DavPath.TryParse(encodedBase, out var basePath) || fullPath.RelativeTo(basePath) is not { } path)
        {
            throw new DavException(404, null, "The request path is outside the DAV tree.");
        }
        var tree = _server.Options.TreeResolver!(context);
        return new DavRequest(context, _server, tree, path, encodedBase);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{Method} requests are not supported", EventName = "MethodNotSupported")]
        public static partial void MethodNotSupported(ILogger logger, string method);

        [LoggerMessage(2, LogLevel.Debug, "{Method} failed with {Status}: {Reason}", EventName = "RequestFailed")]
        public static partial void RequestFailed(ILogger logger, string method, int status, string reason);

        [LoggerMessage(3, LogLevel.Warning, "{Method} failed with {Status} after the response started: {Reason}", EventName = "ErrorAfterResponseStarted")]
        public static partial void ErrorAfterResponseStarted(ILogger logger, string method, int status, string reason);
    }
}

public static class WebDavApplicationBuilderExtensions
{
    /// <summary>Serves <paramref name="server"/> for every request reaching this branch of the pipeline.</summary>
    /// <remarks>Constructed directly, not by UseMiddleware's reflection, which costs start-up time under Native AOT.</remarks>
    public static IApplicationBuilder UseWebDav(this IApplicationBuilder app, DavServer server) =>
        app.Use(next => new WebDavMiddleware(next, server, app.ApplicationServices.GetRequiredService<ILogger<WebDavMiddleware>>()).InvokeAsync);
}
