using AuroraTime.Server.Api;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Hosting;

/// <summary>
/// Maps a store's "try again" failure (<see cref="StoreBusyException"/>, e.g. a DynamoDB write that kept
/// losing races) to 503 Service Unavailable with Retry-After (RFC 9110 sections 15.6.4 and 10.2.3) for
/// every front end: CalDAV/WebDAV, the REST API (as problem+json), feeds and the web page. Without it
/// the request would end as a 500, which clients treat as permanent. Nothing was written, so a retry is safe.
/// </summary>
public sealed partial class StoreBusyMiddleware(RequestDelegate next, ILogger<StoreBusyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (StoreBusyException e) when (!context.Response.HasStarted)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
            Log.StoreBusy(logger, context.Request.Method, seconds, e.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Problems.Of(StatusCodes.Status503ServiceUnavailable, "The store is busy; try again.", $"Retry after {seconds} s.")
                    .ExecuteAsync(context);
                return;
            }

            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"The store is busy; try again in {seconds} s.\n");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} answered 503 (store busy, Retry-After {Seconds} s): {Reason}")]
        public static partial void StoreBusy(ILogger logger, string method, int seconds, string reason);
    }
}

public static class StoreBusyMiddlewareExtensions
{
    /// <summary>
    /// Adds <see cref="StoreBusyMiddleware"/> with its constructor called directly: UseMiddleware&lt;T&gt; finds
    /// the constructor and InvokeAsync by reflection, which under Native AOT cost about 1 ms of every cold start
    /// across our middlewares (bench/coldstart/README.md).
    /// </summary>
    public static IApplicationBuilder UseStoreBusyMiddleware(this IApplicationBuilder app) =>
        app.Use(next => new StoreBusyMiddleware(next, app.ApplicationServices.GetRequiredService<ILogger<StoreBusyMiddleware>>()).InvokeAsync);
}
