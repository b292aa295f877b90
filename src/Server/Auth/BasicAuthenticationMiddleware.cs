using System.Globalization;
using System.Security.Claims;
using AuroraTime.Server.Api;
using AuroraTime.Server.Aws.Cognito;
using AuroraTime.Server.Web;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Auth;

/// <summary>
/// HTTP Basic authentication (RFC 7617) for everything behind it. A request without valid
/// credentials gets 401 with a challenge that names the realm (python-caldav parses it) and the
/// UTF-8 charset (RFC 7617 section 2.1); too many failures for one user from one address get 429
/// with Retry-After. On success HttpContext.User carries the account name as Identity.Name.
/// Neither the header nor the password is ever logged: log lines carry the user name at most.
/// It passes on requests another of our middlewares signed in on non-DAV routes (<see cref="SignedInEarlier"/>)
/// and /api requests without Basic credentials (the API answers 401 itself, without a browser dialog).
/// </summary>
public sealed partial class BasicAuthenticationMiddleware(
    RequestDelegate next, CredentialVerifier verifier, SignInThrottle throttle, ILogger<BasicAuthenticationMiddleware> logger)
{
    public const string Challenge = "Basic realm=\"AuroraTime\", charset=\"UTF-8\"";
    public const string AuthenticationType = "Basic";

    /// <summary>Claim type that says which credential was used: "password" or "app-password:ID".</summary>
    public const string CredentialClaimType = "aurora:credential";

    public async Task InvokeAsync(HttpContext context)
    {
        if (SignedInEarlier(context) || ApiHosting.SkipsBasicChallenge(context))
        {
            await next(context);
            return;
        }
        if (!BasicCredentials.TryParse(context.Request.Headers.Authorization.ToString(), out var credentials))
        {
            await ChallengeAsync(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (!throttle.IsAllowed(credentials.UserName, address, out var retryAfter))
        {
            Log.Throttled(logger, credentials.UserName);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("Too many failed sign-ins; try again later.\n", context.RequestAborted);
            return;
        }
        var verified = await verifier.VerifyAsync(credentials.UserName, credentials.Password, context.RequestAborted);
        if (verified is not { } credential)
        {
            throttle.RecordFailure(credentials.UserName, address);
            Log.SignInFailed(logger, credentials.UserName);
            await ChallengeAsync(context);
            return;
        }
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, credential.UserName),
                new Claim(CredentialClaimType, credential.AppPasswordId is { } id ? "app-password:" + id : "password"),
            ],
            AuthenticationType));
        await next(context);
    }

    /// <summary>
    /// Whether one of our own earlier middlewares (the web session, the Cognito bearer) signed the request
    /// in on an endpoint route (the REST API, the page), so Basic has nothing to add. Never on the DAV tree
    /// (requests without an endpoint): CalDAV clients authenticate with Basic and app passwords only, so a
    /// session or bearer identity must not stand in for Basic there, whatever set it. Checked by
    /// AuthenticationType, not IsAuthenticated: with a bearer scheme registered (AWS mode) ASP.NET Core
    /// authenticates every request with it.
    /// </summary>
    internal static bool SignedInEarlier(HttpContext context) =>
        context.GetEndpoint() is not null
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: SessionValidator.AuthenticationType or CognitoBearerMiddleware.AuthenticationType };

    private static Task ChallengeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        return context.Response.WriteAsync("Authentication required.\n", context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Sign-in failed for user {UserName}", EventName = "SignInFailed")]
        public static partial void SignInFailed(ILogger logger, string userName);

        [LoggerMessage(2, LogLevel.Warning, "Sign-in throttled for user {UserName}", EventName = "SignInThrottled")]
        public static partial void Throttled(ILogger logger, string userName);
    }
}

public static class BasicAuthenticationMiddlewareExtensions
{
    /// <summary>Adds <see cref="BasicAuthenticationMiddleware"/>, constructed directly rather than by
    /// UseMiddleware's reflection (a cold-start cost under Native AOT, see StoreBusyMiddlewareExtensions).</summary>
    public static IApplicationBuilder UseBasicAuthentication(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        return app.Use(next => new BasicAuthenticationMiddleware(
            next, services.GetRequiredService<CredentialVerifier>(), services.GetRequiredService<SignInThrottle>(),
            services.GetRequiredService<ILogger<BasicAuthenticationMiddleware>>()).InvokeAsync);
    }
}
