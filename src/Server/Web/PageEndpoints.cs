using System.Globalization;
using AuroraTime.Server.Auth;
using AuroraTime.Server.Aws.Cognito;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Web;

/// <summary>
/// The page's routes: GET /app/ (the signed-in page, or the sign-in form), its static files, POST
/// /app/signin and POST /app/signout. Every other path under /app is 404, so nothing under this
/// anonymous prefix ever reaches the DAV tree.
/// </summary>
public static partial class PageEndpoints
{
    /// <summary>A sign-in form is a few short fields; anything larger is not one.</summary>
    public const int MaxFormBytes = 16 * 1024;

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    public static void MapPageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var prefix = WebHosting.PagePath;
        endpoints.MapGet(prefix + "/", ShowPageAsync);
        endpoints.MapPost(prefix + "/signin", SignInAsync);
        endpoints.MapPost(prefix + "/signout", SignOutAsync);
        endpoints.MapGet(prefix + "/{file}", ServeFile);
        endpoints.Map(prefix + "/{**rest}", (HttpContext context) => Results.NotFound());
    }

    private static Task ShowPageAsync(HttpContext context, PageAssets assets, WebSettings settings)
    {
        // Routing treats /app and /app/ alike; the page's relative links need the slash.
        if (!context.Request.Path.Value!.EndsWith('/'))
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = WebHosting.PagePath + "/";
            return Task.CompletedTask;
        }
        return context.Items[typeof(WebSession)] is WebSession session
            ? WriteHtmlAsync(context, StatusCodes.Status200OK, assets.Render("app.html", new Dictionary<string, string>
            {
                ["user"] = session.UserName,
                ["csrf"] = session.CsrfToken,
            }))
            : ShowSignInAsync(context, assets, settings, StatusCodes.Status200OK, null);
    }

    private static async Task SignInAsync(
        HttpContext context, PageAssets assets, WebSettings settings, CredentialVerifier verifier, SignInThrottle throttle,
        SessionValidator sessions, SessionCookie cookie, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PageEndpoints));
        if (!context.Request.HasFormContentType)
        {
            await ShowSignInAsync(context, assets, settings, StatusCodes.Status415UnsupportedMediaType, "The sign-in form must be posted as a form.");
            return;
        }
        if (context.Request.ContentLength is null or > MaxFormBytes)
        {
            await ShowSignInAsync(context, assets, settings, StatusCodes.Status413PayloadTooLarge, "The sign-in form is too large.");
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!SignInForm.OriginIsSameHost(context.Request) || !SignInForm.HasValidToken(context, form))
        {
            await ShowSignInAsync(context, assets, settings, StatusCodes.Status403Forbidden, "The sign-in form expired or came from another site. Please sign in again.");
            return;
        }
        var userName = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        var address = context.Connection.RemoteIpAddress?.ToString();
        // The same buckets as Basic auth: failures on either path count against both.
        if (!throttle.IsAllowed(userName, address, out var retryAfter))
        {
            Log.Throttled(logger, userName);
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ShowSignInAsync(context, assets, settings, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins. Wait a minute and try again.");
            return;
        }
        var verified = password.Length == 0 ? null : await verifier.VerifyAsync(userName, password, context.RequestAborted);
        // Only the account password opens the page: app passwords are for calendar apps, and the page can mint more of them.
        if (verified is not { AppPasswordId: null } credential)
        {
            throttle.RecordFailure(userName, address);
            Log.SignInFailed(logger, userName);
            await ShowSignInAsync(context, assets, settings, StatusCodes.Status401Unauthorized, "Wrong user name or password. (App passwords work in calendar apps only.)");
            return;
        }
        var session = sessions.Issue(credential.UserName, credential.StoredHash);
        context.Response.Cookies.Append(SessionCookie.Name, cookie.Protect(session), cookie.Options(context, session.ExpiresAt));
        SignInForm.ClearToken(context, settings.AlwaysSecureCookies);
        context.Response.Headers.CacheControl = "no-store";
        // 303: the browser follows with a GET, so a reload never re-posts the password.
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = WebHosting.PagePath + "/";
    }

    private static async Task SignOutAsync(HttpContext context, SignedOutSessions signedOut, SessionCookie cookie)
    {
        if (context.Items[typeof(WebSession)] is WebSession session)
        {
            var form = context.Request.HasFormContentType && context.Request.ContentLength is <= MaxFormBytes
                ? await context.Request.ReadFormAsync(context.RequestAborted)
                : FormCollection.Empty;
            var presented = form[SignInForm.TokenField].Count > 0 ? form[SignInForm.TokenField].ToString() : context.Request.Headers[SessionAuthenticationMiddleware.CsrfHeader].ToString();
            if (!SessionCookie.SameToken(presented, session.CsrfToken))
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "CSRF token missing or wrong", "Sign out from the page's own button.");
                return;
            }
            signedOut.Add(session);
        }
        context.Response.Cookies.Delete(SessionCookie.Name, cookie.Options(context, null));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = WebHosting.PagePath + "/";
    }

    private static IResult ServeFile(string file, HttpContext context, PageAssets assets)
    {
        if (!assets.TryGetStatic(file, out var content, out var contentType))
        {
            return Results.NotFound();
        }
        // Revalidated on each load, so a new server version's script is never mixed with an old page.
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(content, contentType);
    }

    private static Task ShowSignInAsync(HttpContext context, PageAssets assets, WebSettings settings, int status, string? error)
    {
        var token = SignInForm.IssueToken(context, settings.AlwaysSecureCookies);
        var errorHtml = error is null
            ? string.Empty
            : $"<p class=\"error\" role=\"alert\" id=\"signin-error\">{System.Net.WebUtility.HtmlEncode(error)}</p>";
        // In AWS mode accounts live in Cognito: offer its hosted UI next to the local form.
        var cognitoHtml = context.RequestServices.GetService<CognitoSettings>() is { HostedUiDomain: not null }
            ? $"<p><a class=\"button\" href=\"{CognitoHostedSignIn.StartPath}\">Sign in with Cognito</a></p>"
            : string.Empty;
        return WriteHtmlAsync(context, status, assets.Render("signin.html", new Dictionary<string, string> { ["csrf"] = token },
            new Dictionary<string, string> { ["error"] = errorHtml, ["cognito"] = cognitoHtml }));
    }

    private static Task WriteHtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        // Pages carry a CSRF token and personal data: never stored by the browser or a proxy.
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Web sign-in failed for user {UserName}", EventName = "WebSignInFailed")]
        public static partial void SignInFailed(ILogger logger, string userName);

        [LoggerMessage(2, LogLevel.Warning, "Web sign-in throttled for user {UserName}", EventName = "WebSignInThrottled")]
        public static partial void Throttled(ILogger logger, string userName);
    }
}
