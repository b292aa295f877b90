using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Aws.Cognito;

/// <summary>
/// On /api: a request with <c>Authorization: Bearer</c> is signed in by its Cognito access token or refused with 401 and <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750 section 3.1).
/// Requests without one pass on untouched (Basic or the web session decide). On success
/// HttpContext.User carries the account name as Identity.Name, like the Basic middleware. Tokens are
/// never logged.
/// </summary>
public sealed partial class CognitoBearerMiddleware(RequestDelegate next, CognitoAccounts accounts, ILogger<CognitoBearerMiddleware> logger)
{
    public const string AuthenticationType = "Cognito";

    /// <summary>Claim with the Cognito subject (the user's immutable id), for callers that need it.</summary>
    public const string SubjectClaimType = "aurora:cognito-sub";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var result = await context.AuthenticateAsync(CognitoAuthentication.Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            Log.TokenRejected(logger, result.Failure?.GetType().Name ?? "no token");
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Bearer error=\"invalid_token\"", "Invalid or expired token.\n");
            return;
        }
        var cognitoUserName = result.Principal.FindFirst("username")?.Value ?? "";
        var account = await accounts.EnsureAccountAsync(cognitoUserName, context.RequestAborted);
        if (account is null)
        {
            Log.UnusableUserName(logger);
            await RefuseAsync(context, StatusCodes.Status403Forbidden, null,
                "This Cognito user name cannot be an AuroraTime account name (letters, digits and . _ - @ + only).\n");
            return;
        }
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account),
                new Claim(SubjectClaimType, result.Principal.FindFirst("sub")?.Value ?? ""),
            ],
            AuthenticationType));
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string? challenge, string message)
    {
        context.Response.StatusCode = status;
        if (challenge is not null)
        {
            context.Response.Headers.WWWAuthenticate = challenge;
        }
        return context.Response.WriteAsync(message, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Cognito token rejected ({Reason})", EventName = "CognitoTokenRejected")]
        public static partial void TokenRejected(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Cognito user name is not a valid account name", EventName = "CognitoUserNameUnusable")]
        public static partial void UnusableUserName(ILogger logger);
    }
}
