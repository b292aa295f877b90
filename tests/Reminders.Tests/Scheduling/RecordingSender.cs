using System.Collections.Concurrent;
using AuroraTime.Reminders.Email;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>Keeps every message handed over, with the (fake) clock's time of the hand-over.</summary>
internal sealed class RecordingSender(TimeProvider clock) : IReminderSender
{
    public ConcurrentQueue<(Instant At, EmailMessage Message)> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue((Instant.FromDateTimeOffset(clock.GetUtcNow()), message));
        return Task.CompletedTask;
    }
}
