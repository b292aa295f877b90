namespace AuroraTime.Server.Api;

/// <summary>
/// HEAD wherever GET is served (RFC 9110 section 9.3.2: the same header fields, ETag included, and
/// no content). The GET handler runs as is and its body goes nowhere, so headers cannot drift apart.
/// </summary>
internal static class HeadRequests
{
    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler).AddEndpointFilter(DiscardBodyOfHead);

    private static async ValueTask<object?> DiscardBodyOfHead(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // Kestrel drops HEAD bodies itself; other servers (TestServer, IIS) need it done here.
            http.Response.Body = Stream.Null;
        }
        return await next(context);
    }
}
