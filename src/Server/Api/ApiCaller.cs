using AuroraTime.Server.Auth;
using AuroraTime.Server.Feeds;

namespace AuroraTime.Server.Api;

/// <summary>Who is calling and where the server is, as the API needs it.</summary>
internal static class ApiCaller
{
    /// <summary>The signed-in account (set by Basic auth, the web session or a JWT), or null.</summary>
    public static string? UserName(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>
    /// True when the caller signed in with an app password: such a credential belongs to one device and
    /// must not mint further credentials (issue 7 item 5), so it cannot outlive its own revocation.
    /// </summary>
    public static bool UsedAppPassword(HttpContext context) =>
        context.User.FindFirst(BasicAuthenticationMiddleware.CredentialClaimType)?.Value.StartsWith("app-password:", StringComparison.Ordinal) == true;

    /// <summary>The configured PublicBaseUrl, else this request's own scheme, host and path base.</summary>
    public static string BaseUrl(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<FeedSettings>();
        if (settings.PublicBaseUrl != FeedSettings.DefaultPublicBaseUrl)
        {
            return settings.PublicBaseUrl;
        }
        var request = context.Request;
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}".TrimEnd('/');
    }
}
