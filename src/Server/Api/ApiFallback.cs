using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace AuroraTime.Server.Api;

/// <summary>
/// The answer for /api requests no endpoint took: 405 with Allow when the path is a resource that
/// other methods serve (RFC 9110 section 15.5.6), else 404. Either way a problem body, never DAV.
/// </summary>
internal static class ApiFallback
{
    public static IResult Handle(HttpContext context, EndpointDataSource endpoints)
    {
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText is not { } raw || !raw.StartsWith(ApiHosting.Prefix, StringComparison.Ordinal) || raw.Contains("**", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods)
            {
                continue;
            }
            var matcher = new TemplateMatcher(TemplateParser.Parse(raw.TrimStart('/')), new RouteValueDictionary());
            if (matcher.TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                allowed.UnionWith(methods.HttpMethods);
            }
        }
        if (allowed.Count == 0)
        {
            return Problems.NotFound("There is no such API resource.");
        }
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Problems.Of(StatusCodes.Status405MethodNotAllowed, "Method not allowed.", $"{context.Request.Method} is not served here; use {string.Join(", ", allowed)}.");
    }
}
