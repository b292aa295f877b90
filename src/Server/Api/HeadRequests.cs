namespace AuroraTime.Server.Api;

/// <summary>
/// HEAD wherever GET is served (RFC 9110 section 9.3.2: the same header fields, ETag included, and
/// no content). Each GET route is mapped for both methods with the body-discarding filter, and the GET
/// handler runs as is, so headers cannot drift apart. Call sites use
/// <c>MapMethods(pattern, HeadRequests.GetAndHead, Handler).WithHead()</c> directly rather than through a
/// helper taking a Delegate: ASP.NET Core's request delegate generator (Native AOT, the AWS build) only
/// handles method groups and lambdas passed to the Map* call itself.
/// </summary>
internal static class HeadRequests
{
    public static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder WithHead(this RouteHandlerBuilder route) => route.AddEndpointFilter(DiscardBodyOfHead);

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
