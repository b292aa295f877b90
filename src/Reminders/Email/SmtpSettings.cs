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

    public override string ToString() => $"SmtpSettings {{ Host = {Host}, Port = {Port}, Security = {Security}, User = {User} }}";
}
