namespace AuroraTime.Server.Api;

/// <summary>
/// Maps the REST API under /api (API.md): every route is an endpoint, so the DAV branch (which takes
/// requests without one) never sees /api, and unknown /api paths get a 404 problem instead of DAV.
/// </summary>
public static class ApiHosting
{
    public const string Prefix = "/api";

    public static void MapAuroraApi(this IEndpointRouteBuilder endpoints)
    {
        // The document describes the API and holds no data, so it is served without sign-in.
        endpoints.MapMethods(Prefix + "/openapi.json", HeadRequests.GetAndHead, OpenApiDocument.Serve).WithHead().WithName("openapi");
        var api = endpoints.MapGroup(Prefix).AddEndpointFilter(RequireUser);
        MeEndpoints.Map(api);
        CalendarEndpoints.Map(api);
        EventEndpoints.Map(api);
        ReminderEndpoints.Map(api);
        AppPasswordEndpoints.Map(api);
        FeedLinkEndpoints.Map(api);
        api.Map("/{**rest}", ApiFallback.Handle);
    }

    /// <summary>
    /// True for an /api request without Basic credentials (none, a session cookie, or a Bearer JWT):
    /// Basic auth must not challenge it, so a browser never shows its Basic dialog for the web page's
    /// calls and other schemes reach their own handler; the API answers 401 itself when nobody signed in.
    /// </summary>
    public static bool SkipsBasicChallenge(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments(Prefix)
            && !context.Request.Headers.Authorization.ToString().TrimStart().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
    }

    private static async ValueTask<object?> RequireUser(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ApiCaller.UserName(context.HttpContext) is null ? Problems.Unauthenticated() : await next(context);
}
