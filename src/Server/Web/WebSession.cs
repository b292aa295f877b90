namespace AuroraTime.Server.Web;

/// <summary>
/// What the session cookie carries (encrypted and signed by ASP.NET Data Protection): who signed in,
/// a random id (for sign-out), the CSRF token the page must echo in X-CSRF-Token, a fingerprint of the
/// account's password hash (so a password change ends every session) and the absolute expiry.
/// </summary>
public sealed record WebSession(string UserName, string SessionId, string CsrfToken, string PasswordFingerprint, DateTimeOffset ExpiresAt);
