namespace AuroraTime.Server.Hosting;

/// <summary>
/// <c>GET /healthz</c>: 200 "ok" for load balancers and the Lambda Web Adapter, whose readiness check
/// ends a Lambda cold start (issue 6). The probe is answered first in the pipeline, before routing:
/// endpoint routing builds its matcher for all endpoints on the first request that reaches it (2.3 ms of
/// CPU per start in perf, bench/coldstart/README.md), and the probe needs neither routing nor the store.
/// The routed endpoint stays for what the shortcut leaves alone (other methods get routing's 405, as before),
/// and both answer the same way.
/// </summary>
public static class HealthProbe
{
    public const string Path = "/healthz";

    private const string Body = "ok";

    /// <summary>The shortcut; first in the pipeline.</summary>
    public static IApplicationBuilder UseAuroraHealthProbe(this IApplicationBuilder app) =>
        app.Use(next => context => IsProbe(context.Request) ? Answer(context.Response) : next(context));

    /// <summary>The routed endpoint (after UseRouting).</summary>
    public static IEndpointRouteBuilder MapAuroraHealthProbe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, () => Results.Text(Body));
        return endpoints;
    }

    /// <summary>What the route template matches for GET: the path in any case, with or without a trailing slash.</summary>
    internal static bool IsProbe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value is { } path
        && (path.Equals(Path, StringComparison.OrdinalIgnoreCase) || path.Equals(Path + "/", StringComparison.OrdinalIgnoreCase));

    private static Task Answer(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain; charset=utf-8"; // what Results.Text sets
        return response.WriteAsync(Body);
    }
}
