using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace AuroraTime.Reminders.Email;

/// <summary>
/// A small SMTP client (RFC 5321): EHLO, optional STARTTLS (RFC 3207) or implicit TLS (RFC 8314),
/// AUTH PLAIN (RFC 4616) or LOGIN, MAIL/RCPT/DATA with dot-stuffing, QUIT. One connection per
/// message; the whole exchange is bounded by <see cref="SmtpSettings.Timeout"/>, and a refusal
/// (such as 535 for a wrong password) ends it at once with the server's reply. A recipient the server
/// refuses at RCPT does not stop the others (RFC 5321 section 3.3: the transaction goes on with the
/// accepted ones); it comes back in the <see cref="SendReceipt"/>, and only when every recipient is
/// refused does the send fail.
/// </summary>
public sealed class SmtpSender : IReminderSender
{
    private readonly SmtpSettings settings;
    private readonly SmtpCertificatePolicy certificates;

    /// <exception cref="ArgumentException">The pin or the CA file in <paramref name="settings"/> is unusable.</exception>
    public SmtpSender(SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        certificates = new SmtpCertificatePolicy(settings);
    }

    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (settings.Security == SmtpSecurity.None && settings.User is { Length: > 0 } && !settings.AllowPlaintextAuthentication)
        {
            // Checked before connecting: the credentials never reach the wire.
            throw new EmailDeliveryException(
                "refusing to send SMTP credentials without TLS: set Smtp:Security to starttls or tls, or Smtp:AllowPlaintextAuth to true for a trusted relay",
                permanent: true);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var tls = new TlsAttempt(certificates);
        try
        {
            return await SendCoreAsync(message, tls, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"SMTP {settings.Host}:{settings.Port} timed out after {settings.Timeout}");
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            // A certificate we do not trust does not become trusted by retrying.
            throw new EmailDeliveryException($"SMTP {settings.Host}:{settings.Port} TLS failed: {tls.Rejection ?? e.Message}", e, permanent: true);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw new EmailDeliveryException($"SMTP {settings.Host}:{settings.Port}: {e.Message}", e);
        }
    }

    private async Task<SendReceipt> SendCoreAsync(EmailMessage message, TlsAttempt tls, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(settings.Host, settings.Port, ct).ConfigureAwait(false);
        Stream stream = client.GetStream();
        if (settings.Security == SmtpSecurity.Tls)
        {
            stream = await tls.StartAsync(stream, settings.Host, ct).ConfigureAwait(false);
        }
        var session = new SmtpConnection(stream);
        await session.ExpectAsync(220, ct).ConfigureAwait(false);
        var capabilities = await EhloAsync(session, ct).ConfigureAwait(false);
        if (settings.Security == SmtpSecurity.StartTls)
        {
            if (!capabilities.Contains("STARTTLS"))
            {
                throw new EmailDeliveryException("the SMTP server does not offer STARTTLS", permanent: true);
            }
            await session.CommandAsync("STARTTLS", 220, ct).ConfigureAwait(false);
            session = new SmtpConnection(await tls.StartAsync(stream, settings.Host, ct).ConfigureAwait(false));
            // RFC 3207 section 4.2: "the client MUST discard any knowledge obtained from the server".
            capabilities = await EhloAsync(session, ct).ConfigureAwait(false);
        }
        if (settings.User is { Length: > 0 } user)
        {
            await AuthenticateAsync(session, capabilities, user, settings.Password ?? string.Empty, ct).ConfigureAwait(false);
        }
        await session.CommandAsync($"MAIL FROM:<{message.EnvelopeFrom}>", 250, ct).ConfigureAwait(false);
        var refused = new List<RefusedRecipient>();
        foreach (var recipient in message.Recipients)
        {
            await session.WriteRawAsync(Encoding.UTF8.GetBytes($"RCPT TO:<{recipient}>\r\n"), ct).ConfigureAwait(false);
            var (code, lines) = await session.ReadReplyAsync(ct).ConfigureAwait(false);
            if (code is 250 or 251)
            {
                continue;
            }
            if (code is < 400 or >= 600)
            {
                throw new EmailDeliveryException($"unexpected SMTP RCPT reply: {code}");
            }
            refused.Add(new RefusedRecipient(recipient, code, RecipientMask.Scrub($"{code} {lines[^1]}", recipient)));
        }
        if (refused.Count == message.Recipients.Count)
        {
            // Nobody to send to. Permanent only if every refusal was (RFC 5321 section 4.2.1).
            throw new EmailDeliveryException(
                "SMTP RCPT refused: " + string.Join("; ", refused.Select(r => r.Reply)), permanent: refused.All(r => r.Permanent));
        }
        await session.CommandAsync("DATA", 354, ct).ConfigureAwait(false);
        await session.WriteRawAsync(DotStuff(message.Content.Span), ct).ConfigureAwait(false);
        await session.ExpectAsync(250, ct, "DATA").ConfigureAwait(false);
        try
        {
            await session.CommandAsync("QUIT", 221, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EmailDeliveryException or IOException or SocketException)
        {
            // The message was accepted at the 250 above; a failed goodbye must not make it look unsent (and be sent again).
        }
        return refused.Count == 0 ? SendReceipt.AllAccepted : new SendReceipt(refused);
    }

    /// <summary>One TLS handshake with the configured certificate policy, remembering why a certificate was refused.</summary>
    private sealed class TlsAttempt(SmtpCertificatePolicy policy)
    {
        public string? Rejection { get; private set; }

        public async Task<Stream> StartAsync(Stream inner, string host, CancellationToken ct)
        {
            var ssl = new SslStream(inner, leaveInnerStreamOpen: true);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    Rejection = policy.Rejection(certificate, chain, errors);
                    return Rejection is null;
                },
            };
            await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
            return ssl;
        }
    }

    private async Task<HashSet<string>> EhloAsync(SmtpConnection session, CancellationToken ct)
    {
        var lines = await session.CommandAsync("EHLO " + settings.ClientName, 250, ct).ConfigureAwait(false);
        return lines.Skip(1).Select(l => l.ToUpperInvariant()).SelectMany(l => new[] { l, l.Split(' ')[0] }).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task AuthenticateAsync(SmtpConnection session, HashSet<string> capabilities, string user, string password, CancellationToken ct)
    {
        var auth = capabilities.FirstOrDefault(c => c.StartsWith("AUTH ", StringComparison.Ordinal)) ?? string.Empty;
        var mechanisms = auth.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToHashSet(StringComparer.Ordinal);
        if (mechanisms.Contains("PLAIN"))
        {
            // RFC 4616: authzid NUL authcid NUL passwd, base64 in the initial response.
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + user + "\0" + password));
            await session.CommandAsync("AUTH PLAIN " + token, 235, ct, secret: true).ConfigureAwait(false);
        }
        else if (mechanisms.Contains("LOGIN"))
        {
            await session.CommandAsync("AUTH LOGIN", 334, ct).ConfigureAwait(false);
            await session.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), 334, ct, secret: true).ConfigureAwait(false);
            await session.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), 235, ct, secret: true).ConfigureAwait(false);
        }
        else
        {
            throw new EmailDeliveryException("the SMTP server offers neither AUTH PLAIN nor AUTH LOGIN", permanent: true);
        }
    }

    /// <summary>
    /// RFC 5321 section 4.5.2: "Before sending a line of mail text, the SMTP client checks the first
    /// character of the line. If it is a period, one additional period is inserted at the beginning
    /// of the line." Ends with CRLF . CRLF.
    /// </summary>
    internal static byte[] DotStuff(ReadOnlySpan<byte> content)
    {
        var output = new List<byte>(content.Length + 16);
        var atLineStart = true;
        foreach (var b in content)
        {
            if (atLineStart && b == (byte)'.')
            {
                output.Add((byte)'.');
            }
            output.Add(b);
            atLineStart = b == (byte)'\n';
        }
        if (!atLineStart)
        {
            output.AddRange("\r\n"u8.ToArray());
        }
        output.AddRange(".\r\n"u8.ToArray());
        return output.ToArray();
    }

    /// <summary>Replies and commands over one stream; replies are read line by line (RFC 5321 section 4.2).</summary>
    private sealed class SmtpConnection(Stream stream)
    {
        private readonly byte[] buffer = new byte[4096];
        private int start;
        private int end;

        public async Task<List<string>> CommandAsync(string command, int expected, CancellationToken ct, bool secret = false)
        {
            await WriteRawAsync(Encoding.UTF8.GetBytes(command + "\r\n"), ct).ConfigureAwait(false);
            return await ExpectAsync(expected, ct, secret ? "AUTH" : command.Split(' ')[0]).ConfigureAwait(false);
        }

        public async Task WriteRawAsync(byte[] bytes, CancellationToken ct)
        {
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }

        /// <summary>Reads one reply and fails unless its code is <paramref name="expected"/>.</summary>
        public async Task<List<string>> ExpectAsync(int expected, CancellationToken ct, string? step = null)
        {
            var (code, lines) = await ReadReplyAsync(ct).ConfigureAwait(false);
            if (code != expected)
            {
                // The server's text, never our command (it may carry credentials). RFC 5321
                // section 4.2.1: 5yz is a permanent refusal, 4yz a transient one.
                throw new EmailDeliveryException($"SMTP {step ?? "greeting"} refused: {code} {lines[^1]}", permanent: code >= 500);
            }
            return lines;
        }

        /// <summary>Reads one reply; lines "250-..." continue it, "250 ..." ends it.</summary>
        public async Task<(int Code, List<string> Lines)> ReadReplyAsync(CancellationToken ct)
        {
            var lines = new List<string>();
            while (true)
            {
                var line = await ReadLineAsync(ct).ConfigureAwait(false);
                if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
                {
                    throw new EmailDeliveryException("malformed SMTP reply");
                }
                lines.Add(line.Length > 4 ? line[4..] : string.Empty);
                if (line.Length == 3 || line[3] != '-')
                {
                    return (code, lines);
                }
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    var line = Encoding.UTF8.GetString(buffer, start, newline - start).TrimEnd('\r');
                    start = newline + 1;
                    return line;
                }
                if (start > 0)
                {
                    Array.Copy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    throw new EmailDeliveryException("SMTP reply line too long");
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EmailDeliveryException("the SMTP server closed the connection");
                }
                end += read;
            }
        }
    }
}
