using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace AuroraTime.Server.Web;

/// <summary>
/// Turns a <see cref="WebSession"/> into the session cookie's value and back. The value is encrypted and
/// authenticated with ASP.NET Data Protection, whose keys live in the data folder (see
/// <see cref="WebHosting"/>), so nothing but this server can read or forge one and a restart keeps
/// everyone signed in. Reading never throws: a tampered, foreign or malformed value is simply no session.
/// </summary>
public sealed class SessionCookie(IDataProtectionProvider protection, WebSettings settings)
{
    public const string Name = "aurora_session";

    // Versioned purpose string: changing the payload format later invalidates old cookies cleanly.
    private const string Purpose = "AuroraTime.Web.Session.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Protect(WebSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var payload = string.Join('\n',
            session.UserName, session.SessionId, session.CsrfToken, session.PasswordFingerprint,
            session.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return _protector.Protect(payload);
    }

    public WebSession? Unprotect(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null; // tampered, made under another key ring, or not ours at all
        }
        var parts = payload.Split('\n');
        if (parts.Length != 5 || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }
        return new WebSession(parts[0], parts[1], parts[2], parts[3], DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>
    /// SameSite=Strict: the browser never sends it on a request started by another site, the first
    /// line of CSRF defence. HttpOnly: page script cannot read it. Secure over https or when configured.
    /// </summary>
    public CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps || settings.AlwaysSecureCookies,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>A short hash of the account's stored password hash: changing the password changes it.</summary>
    public static string FingerprintOf(string passwordHash) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(passwordHash)).AsSpan(0, 16));

    /// <summary>256 bits from the OS CSPRNG, URL-safe, for session ids and CSRF tokens.</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Constant-time comparison of two tokens (a timing difference would leak a prefix).</summary>
    public static bool SameToken(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
