using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuroraTime.Reminders.Email;

/// <summary>
/// Decides whether the SMTP server's certificate is trusted. Three modes, strictest that is
/// configured wins: a SHA-256 pin (exactly that certificate), a custom CA file (the chain must end
/// at one of its certificates and the name must match), or the system trust store. There is no
/// "accept any certificate" mode.
/// </summary>
internal sealed class SmtpCertificatePolicy
{
    private readonly byte[]? pin;
    private readonly X509Certificate2Collection? authorities;

    /// <exception cref="ArgumentException">The pin is not 64 hex digits, or the CA file holds no certificate.</exception>
    public SmtpCertificatePolicy(SmtpSettings settings)
    {
        if (settings.PinnedCertificateSha256 is { Length: > 0 } pinText)
        {
            var hex = pinText.Replace(":", "", StringComparison.Ordinal).Trim();
            pin = hex.Length == 64 && hex.All(Uri.IsHexDigit)
                ? Convert.FromHexString(hex)
                : throw new ArgumentException("Smtp:PinnedCertificateSha256 must be the 64 hex digits of a SHA-256.", nameof(settings));
        }
        if (settings.CertificateAuthorityFile is { Length: > 0 } file)
        {
            authorities = new X509Certificate2Collection();
            try
            {
                authorities.ImportFromPemFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new ArgumentException($"Smtp:CertificateAuthorityFile '{file}' cannot be read: {e.Message}", nameof(settings), e);
            }
            if (authorities.Count == 0)
            {
                throw new ArgumentException($"Smtp:CertificateAuthorityFile '{file}' holds no PEM certificate.", nameof(settings));
            }
        }
    }

    /// <returns>Null when trusted, otherwise why not (for the delivery error).</returns>
    public string? Rejection(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the server sent no certificate";
        }
        if (pin is not null)
        {
            var actual = SHA256.HashData(certificate.GetRawCertData());
            return CryptographicOperations.FixedTimeEquals(actual, pin)
                ? null
                : $"the server certificate's SHA-256 {Convert.ToHexString(actual)} is not the pinned one";
        }
        if (authorities is null)
        {
            return errors == SslPolicyErrors.None ? null : $"the server certificate is not trusted ({errors})";
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return "the server certificate is for another host name";
        }
        // Re-validate the chain against the configured CAs only (not the system store).
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf)
            ? null
            : "the server certificate does not chain to Smtp:CertificateAuthorityFile (" +
              string.Join(", ", custom.ChainStatus.Select(s => s.Status)) + ")";
    }
}
