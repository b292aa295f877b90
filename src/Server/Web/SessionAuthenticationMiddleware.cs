using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Web;

/// <summary>
/// Signs in requests to /api and /app that carry a live session cookie, before Basic auth runs (which
/// then skips them). Only those paths: DAV clients never hold the cookie, and keeping it away from the
/// DAV tree means a browser session cannot be turned against it. A request with an Authorization
/// header is left to its explicit credentials. For unsafe methods on the API the X-CSRF-Token header
/// must match the session's token (the synchroniser-token pattern; the SameSite=Strict cookie is the
/// first defence, this one also holds for browsers that ignore SameSite).
/// </summary>
public sealed partial class SessionAuthenticationMiddleware(RequestDelegate next, SessionValidator sessions, SessionCookie cookie, ILogger<SessionAuthenticationMiddleware> logger)
{
    public const string CsrfHeader = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Applies(request))
        {
            await next(context);
            return;
        }
        var session = await sessions.ValidateAsync(context);
        if (session is null)
        {
            context.Response.Cookies.Delete(SessionCookie.Name, cookie.Options(context, null));
            if (!WebHosting.IsPagePath(request.Path))
            {
                // Not Basic's 401: its WWW-Authenticate challenge would pop up the browser's own password dialog.
                await ProblemResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "Session ended", "The session has expired or was signed out; sign in again at /app/.");
                return;
            }
            await next(context);
            return;
        }
        if (!WebHosting.IsPagePath(request.Path) && !IsSafe(request.Method) && !SessionCookie.SameToken(request.Headers[CsrfHeader].ToString(), session.CsrfToken))
        {
            Log.CsrfRejected(logger, session.UserName, request.Method, request.Path);
            await ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "CSRF token missing or wrong", $"Requests that change data need the {CsrfHeader} header of the signed-in page.");
            return;
        }
        context.User = SessionValidator.PrincipalFor(session);
        context.Items[typeof(WebSession)] = session;
        await next(context);
    }

    /// <summary>Whether the request is one this middleware signs in: a session path with the cookie and no Authorization header.</summary>
    internal static bool Applies(HttpRequest request) =>
        WebHosting.UsesSessions(request.Path) && request.Headers.Authorization.Count == 0 && request.Cookies.ContainsKey(SessionCookie.Name);

    // RFC 9110 section 9.2.1: safe methods are read-only, so they need no CSRF token.
    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Rejected {Method} {Path} for {UserName}: CSRF token missing or wrong", EventName = "CsrfRejected")]
        public static partial void CsrfRejected(ILogger logger, string userName, string method, string path);
    }
}
