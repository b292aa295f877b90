namespace AuroraTime.Reminders.Email;

/// <summary>A composed message: envelope addresses plus the RFC 5322 bytes (CRLF lines).</summary>
public sealed record EmailMessage(string EnvelopeFrom, IReadOnlyList<string> Recipients, string MessageId, ReadOnlyMemory<byte> Content);

/// <summary>Delivers composed messages (pickup folder, SMTP, later SES).</summary>
public interface IReminderSender
{
    /// <exception cref="EmailDeliveryException">The message could not be handed over.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>The one error type of the senders.</summary>
public sealed class EmailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
