using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AuroraTime.Reminders.Email;

/// <summary>
/// Reads the TLS and timeout keys of the Smtp section: CertificateAuthorityFile, PinnedCertificateSha256,
/// AllowPlaintextAuth (true|false, default false), Timeout (hh:mm:ss, default 00:00:30).
/// </summary>
public static class SmtpTransportConfiguration
{
    /// <exception cref="InvalidOperationException">A value cannot be read (named in the message).</exception>
    public static SmtpSettings WithTransportSettings(this SmtpSettings settings, IConfigurationSection smtp)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(smtp);
        var allowPlaintext = smtp["AllowPlaintextAuth"] is { Length: > 0 } allow
            ? bool.TryParse(allow, out var flag) ? flag : throw new InvalidOperationException($"Smtp:AllowPlaintextAuth '{allow}' is not true or false.")
            : false;
        var timeout = smtp["Timeout"] is { Length: > 0 } t
            ? TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span
                : throw new InvalidOperationException($"Smtp:Timeout '{t}' is not a positive time span (hh:mm:ss).")
            : settings.Timeout;
        return settings with
        {
            CertificateAuthorityFile = smtp["CertificateAuthorityFile"] is { Length: > 0 } ca ? Path.GetFullPath(ca) : null,
            PinnedCertificateSha256 = smtp["PinnedCertificateSha256"] is { Length: > 0 } pin ? pin : null,
            AllowPlaintextAuthentication = allowPlaintext,
            Timeout = timeout,
        };
    }
}
