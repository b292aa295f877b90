namespace AuroraTime.Reminders.Email;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain TCP (a local relay only).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS (RFC 3207) before anything else; refused if not offered.</summary>
    StartTls,

    /// <summary>TLS from the first byte (RFC 8314 implicit TLS, port 465).</summary>
    Tls,
}

/// <summary>SMTP relay settings. <see cref="Password"/> is never logged or shown in ToString.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? User = null, string? Password = null)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Name sent in EHLO.</summary>
    public string ClientName { get; init; } = "localhost";

    /// <summary>
    /// A PEM file of CA certificates: when set, the server's chain must lead to one of them (instead
    /// of the system store), for a relay with a private CA. The host name is still checked.
    /// </summary>
    public string? CertificateAuthorityFile { get; init; }

    /// <summary>
    /// SHA-256 of the server certificate (hex, colons allowed): when set, exactly that certificate is
    /// accepted, self-signed or not, and nothing else.
    /// </summary>
    public string? PinnedCertificateSha256 { get; init; }

    /// <summary>
    /// Credentials are only sent over TLS unless this is set (a relay on loopback or a private
    /// network). Without it, <see cref="SmtpSecurity.None"/> with a <see cref="User"/> is refused.
    /// </summary>
    public bool AllowPlaintextAuthentication { get; init; }

    public override string ToString() => $"SmtpSettings {{ Host = {Host}, Port = {Port}, Security = {Security}, User = {User} }}";
}
