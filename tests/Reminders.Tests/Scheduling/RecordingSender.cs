using System.Collections.Concurrent;
using AuroraTime.Reminders.Email;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// Keeps every message handed over, with the (fake) clock's time of the hand-over. Failures queued in
/// <see cref="Failures"/> are thrown by the next attempts instead of accepting the message, except a
/// <see cref="CrashAfterHandOver"/>, which accepts the message first (the relay has it) and then
/// throws as if the process died before the result was recorded.
/// </summary>
internal sealed class RecordingSender(TimeProvider clock) : IReminderSender
{
    public ConcurrentQueue<(Instant At, EmailMessage Message)> Sent { get; } = new();

    public ConcurrentQueue<Instant> Attempts { get; } = new();

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        Attempts.Enqueue(now);
        if (Failures.TryDequeue(out var failure))
        {
            if (failure is CrashAfterHandOver)
            {
                Sent.Enqueue((now, message));
            }
            throw failure;
        }
        Sent.Enqueue((now, message));
        return Task.FromResult(SendReceipt.AllAccepted);
    }

    public static EmailDeliveryException Transient() => new("451 4.3.0 try again later");

    public static EmailDeliveryException Permanent() => new("550 5.1.1 no such user", permanent: true);
}

/// <summary>Stands for the process dying between the relay's acceptance and the store write.</summary>
internal sealed class CrashAfterHandOver() : Exception("process died after the hand-over");
