using AuroraTime.Reminders.Email;
using static AuroraTime.Reminders.Tests.Email.ReminderEmailTests;

namespace AuroraTime.Reminders.Tests.Email;

/// <summary>
/// TLS, AUTH and failure classes of <see cref="SmtpSender"/> against a real aiosmtpd serving a
/// certificate made by a CA created in the test.
/// </summary>
public sealed class SmtpTransportTests : IDisposable
{
    private const string Credentials = "mailer:s3cret-pass";
    private readonly TestCertificates certificates = TestCertificates.Create();

    public void Dispose() => certificates.Dispose();

    private SmtpSink StartTls(string mode, params string[] more) =>
        SmtpSink.Start(Credentials, ["--tls", mode, "--cert", certificates.ServerCertificateFile, "--key", certificates.ServerKeyFile, .. more]);

    private static SmtpSettings Settings(SmtpSink sink, SmtpSecurity security, string password = "s3cret-pass") =>
        new("localhost", sink.Port, security, "mailer", password) { Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<EmailDeliveryException> FailsAsync(SmtpSettings settings) =>
        await Assert.ThrowsAsync<EmailDeliveryException>(() => new SmtpSender(settings).SendAsync(Compose(Reminder()), CancellationToken.None));

    // RFC 3207 section 4: STARTTLS on the submission port, then RFC 4954 AUTH inside the TLS session
    // (the server here refuses AUTH and MAIL before TLS).
    [Fact]
    public async Task STARTTLS_to_a_server_signed_by_the_configured_CA_authenticates_with_PLAIN_and_delivers()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = StartTls("starttls");
        var settings = Settings(sink, SmtpSecurity.StartTls) with { CertificateAuthorityFile = certificates.AuthorityFile };
        var message = Compose(Reminder());
        await new SmtpSender(settings).SendAsync(message, CancellationToken.None);

        Assert.Equal(["PLAIN"], sink.AuthAttempts());
        Assert.Equal(message.Content.ToArray(), File.ReadAllBytes(Assert.Single(sink.Messages())));
    }

    // RFC 8314 section 3: implicit TLS from the first byte (port 465); AUTH LOGIN when PLAIN is not offered.
    [Fact]
    public async Task Implicit_TLS_with_a_pinned_certificate_authenticates_with_LOGIN_and_delivers()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = StartTls("implicit", "--mechanisms", "LOGIN");
        var colonned = string.Join(':', certificates.ServerSha256.Chunk(2).Select(c => new string(c)));
        var settings = Settings(sink, SmtpSecurity.Tls) with { PinnedCertificateSha256 = colonned };
        await new SmtpSender(settings).SendAsync(Compose(Reminder()), CancellationToken.None);

        Assert.Equal(["LOGIN"], sink.AuthAttempts());
        Assert.Single(sink.Messages());
    }

    [Fact]
    public async Task A_certificate_outside_the_trust_settings_is_refused_before_any_credentials_are_sent()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = StartTls("implicit");
        var wrongPin = new string('0', 64);
        foreach (var settings in new[]
                 {
                     Settings(sink, SmtpSecurity.Tls), // system store: our test CA is not in it
                     Settings(sink, SmtpSecurity.Tls) with { CertificateAuthorityFile = certificates.OtherAuthorityFile },
                     Settings(sink, SmtpSecurity.Tls) with { PinnedCertificateSha256 = wrongPin },
                 })
        {
            var error = await FailsAsync(settings);
            Assert.True(error.Permanent, error.Message);
            Assert.Contains("TLS failed", error.Message, StringComparison.Ordinal);
        }
        Assert.Empty(sink.AuthAttempts());
        Assert.Empty(sink.AuthAttempts(succeeded: false));
        Assert.Empty(sink.Messages());
    }

    [Fact]
    public async Task The_CA_setting_still_checks_the_host_name()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = StartTls("starttls");
        // The certificate names localhost only; connect by the address of the same machine.
        var settings = Settings(sink, SmtpSecurity.StartTls) with { Host = "127.0.0.1", CertificateAuthorityFile = certificates.AuthorityFile };
        var error = await FailsAsync(settings);
        Assert.True(error.Permanent);
        Assert.Contains("another host name", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.AuthAttempts());
    }

    // RFC 4954 section 6: 535 5.7.8 "Authentication credentials invalid" ends the attempt at once.
    [Fact]
    public async Task A_wrong_password_fails_at_once_with_the_servers_535_reply()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = StartTls("starttls");
        var settings = Settings(sink, SmtpSecurity.StartTls, password: "wrong") with { CertificateAuthorityFile = certificates.AuthorityFile };
        var error = await FailsAsync(settings);

        Assert.Contains("535", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
        // At once rather than after the 30 s timeout, shown without timing it: a timeout ends in a
        // transient "timed out" error, this is the permanent one with the server's reply.
        Assert.True(error.Permanent);
        Assert.Equal(["PLAIN"], sink.AuthAttempts(succeeded: false));
        Assert.Empty(sink.Messages());
    }

    [Fact]
    public async Task Credentials_are_not_sent_over_a_plain_connection_unless_allowed()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = SmtpSink.Start(Credentials);
        var error = await FailsAsync(Settings(sink, SmtpSecurity.None));
        Assert.True(error.Permanent);
        Assert.Contains("AllowPlaintextAuth", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.AuthAttempts());
        Assert.Empty(sink.AuthAttempts(succeeded: false));

        await new SmtpSender(Settings(sink, SmtpSecurity.None) with { AllowPlaintextAuthentication = true }).SendAsync(Compose(Reminder()), CancellationToken.None);
        Assert.Single(sink.Messages());
    }

    // RFC 5321 section 4.2.1: 4yz "Transient Negative Completion", 5yz "Permanent Negative Completion".
    [Theory]
    [InlineData("451 4.3.0 Try again later", false)]
    [InlineData("550 5.1.1 No such user", true)]
    public async Task A_refused_recipient_is_transient_for_4xx_and_permanent_for_5xx(string reply, bool permanent)
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = SmtpSink.Start(null, "--reply", reply);
        var error = await FailsAsync(new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.None));
        Assert.Equal(permanent, error.Permanent);
        Assert.Contains(reply, error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("00112233")]
    public void A_malformed_pin_is_a_settings_error(string pin) =>
        Assert.Throws<ArgumentException>(() => new SmtpSender(new SmtpSettings("h", 465, SmtpSecurity.Tls) { PinnedCertificateSha256 = pin }));

    [Fact]
    public void A_CA_file_without_certificates_is_a_settings_error()
    {
        var empty = Path.Combine(certificates.Folder, "empty.pem");
        File.WriteAllText(empty, "not a certificate\n");
        var error = Assert.Throws<ArgumentException>(() => new SmtpSender(new SmtpSettings("h", 587, SmtpSecurity.StartTls) { CertificateAuthorityFile = empty }));
        Assert.Contains("no PEM certificate", error.Message, StringComparison.Ordinal);
    }
}
