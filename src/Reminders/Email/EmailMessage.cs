namespace AuroraTime.Reminders.Email;

/// <summary>A composed message: envelope addresses plus the RFC 5322 bytes (CRLF lines).</summary>
public sealed record EmailMessage(string EnvelopeFrom, IReadOnlyList<string> Recipients, string MessageId, ReadOnlyMemory<byte> Content);

/// <summary>Delivers composed messages (pickup folder, SMTP, later SES).</summary>
public interface IReminderSender
{
    /// <exception cref="EmailDeliveryException">The message could not be handed over.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The one error type of the senders. <see cref="Permanent"/> failures (an SMTP 5xx reply, RFC 5321
/// section 4.2.1 "Permanent Negative Completion", a certificate that does not validate, a settings
/// error) are not retried; everything else (4xx, refused or reset connections, timeouts) is transient.
/// </summary>
public sealed class EmailDeliveryException(string message, Exception? inner = null, bool permanent = false) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
