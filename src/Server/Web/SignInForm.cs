namespace AuroraTime.Server.Web;

/// <summary>
/// CSRF protection of the sign-in form itself (login CSRF: another site signing the browser in as the
/// attacker). There is no session yet, so the token is double-submitted: a random value in a
/// SameSite=Strict, HttpOnly cookie scoped to /app/ and the same value in the form's hidden field.
/// </summary>
internal static class SignInForm
{
    public const string CookieName = "aurora_signin";
    public const string TokenField = "csrf";

    /// <summary>Sets a fresh token cookie and returns the value for the hidden field.</summary>
    public static string IssueToken(HttpContext context, bool secure)
    {
        var token = SessionCookie.NewToken();
        context.Response.Cookies.Append(CookieName, token, Options(context, secure));
        return token;
    }

    public static bool HasValidToken(HttpContext context, IFormCollection form) =>
        context.Request.Cookies[CookieName] is { Length: > 0 } expected && SessionCookie.SameToken(form[TokenField].ToString(), expected);

    public static void ClearToken(HttpContext context, bool secure) => context.Response.Cookies.Delete(CookieName, Options(context, secure));

    /// <summary>
    /// RFC 6454 Origin, sent by browsers on every POST: when present it must name this host, which stops
    /// cross-site posts even from browsers that ignore SameSite. (Host only: a TLS proxy changes the scheme.)
    /// </summary>
    public static bool OriginIsSameHost(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static CookieOptions Options(HttpContext context, bool secure) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps || secure,
        SameSite = SameSiteMode.Strict,
        Path = WebHosting.PagePath + "/",
        IsEssential = true,
    };
}
