using System.Security.Claims;
using AuroraTime.Server.Auth;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Web;

/// <summary>Decides whether a request's session cookie is a live session, and issues new sessions.</summary>
public sealed class SessionValidator(SessionCookie cookie, SignedOutSessions signedOut, IStore store, WebSettings settings, TimeProvider clock)
{
    public const string AuthenticationType = "Session";

    /// <summary>The value of <see cref="BasicAuthenticationMiddleware.CredentialClaimType"/> for a web session.</summary>
    public const string CredentialClaimValue = "session";

    /// <summary>The session, or null when the cookie is missing, forged, expired, signed out, or its account or password changed.</summary>
    public async Task<WebSession?> ValidateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cookie.Unprotect(context.Request.Cookies[SessionCookie.Name]) is not { } session
            || session.ExpiresAt <= clock.GetUtcNow()
            || signedOut.Contains(session.SessionId))
        {
            return null;
        }
        var account = await store.GetAccountAsync(session.UserName, context.RequestAborted);
        return account is not null && SessionCookie.SameToken(session.PasswordFingerprint, SessionCookie.FingerprintOf(account.PasswordHash))
            ? session
            : null;
    }

    public WebSession Issue(string userName, string passwordHash) =>
        new(userName, SessionCookie.NewToken(), SessionCookie.NewToken(), SessionCookie.FingerprintOf(passwordHash),
            clock.GetUtcNow() + settings.SessionLifetime);

    /// <summary>The same claims <see cref="BasicAuthenticationMiddleware"/> sets, with the credential "session".</summary>
    public static ClaimsPrincipal PrincipalFor(WebSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, session.UserName),
                new Claim(BasicAuthenticationMiddleware.CredentialClaimType, CredentialClaimValue),
            ],
            AuthenticationType));
    }
}
