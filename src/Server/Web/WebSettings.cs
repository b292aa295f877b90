using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Web;

/// <summary>
/// Settings of the web page and its sessions (documented in CONFIGURATION.md):
/// <c>Web:SessionHours</c> (absolute lifetime of a sign-in) and <c>Web:SecureCookies</c> (mark cookies
/// Secure even when the request reached us over plain http, as behind a TLS-terminating proxy).
/// </summary>
public sealed record WebSettings(TimeSpan SessionLifetime, bool AlwaysSecureCookies)
{
    public const double DefaultSessionHours = 12;

    public static WebSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var hours = configuration.GetValue("Web:SessionHours", DefaultSessionHours);
        if (hours <= 0 || hours > 24 * 30)
        {
            throw new InvalidOperationException($"Web:SessionHours must be above 0 and at most 720, not {hours}.");
        }
        return new WebSettings(TimeSpan.FromHours(hours), configuration.GetValue("Web:SecureCookies", false));
    }
}
