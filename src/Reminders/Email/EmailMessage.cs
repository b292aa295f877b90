namespace AuroraTime.Reminders.Email;

/// <summary>A composed message: envelope addresses plus the RFC 5322 bytes (CRLF lines).</summary>
public sealed record EmailMessage(string EnvelopeFrom, IReadOnlyList<string> Recipients, string MessageId, ReadOnlyMemory<byte> Content);

/// <summary>Delivers composed messages (pickup folder, SMTP, SES).</summary>
public interface IReminderSender
{
    /// <returns>The recipients the relay refused while it accepted the message for the others (SMTP only).</returns>
    /// <exception cref="EmailDeliveryException">The message could not be handed over to any recipient.</exception>
    Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A message handed over: to every recipient, or to all but <see cref="Refused"/>.</summary>
public sealed record SendReceipt(IReadOnlyList<RefusedRecipient> Refused)
{
    public static SendReceipt AllAccepted { get; } = new([]);
}

/// <summary>
/// One recipient the relay refused (RFC 5321 section 4.2.1: a 5yz reply is permanent, a 4yz transient).
/// <see cref="Reply"/> has the address masked (see <see cref="RecipientMask"/>), so it can be logged and stored.
/// </summary>
public sealed record RefusedRecipient(string Address, int Code, string Reply)
{
    public bool Permanent => Code >= 500;
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
