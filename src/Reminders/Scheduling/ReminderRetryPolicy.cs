using NodaTime;

namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// How a transiently failed send is retried: attempt n+1 waits <see cref="FirstDelay"/> doubled
/// n-1 times, capped at <see cref="MaxDelay"/>, for at most <see cref="MaxAttempts"/> attempts in all.
/// With the defaults (5 attempts, 1 min doubling) a reminder is given up about 15 minutes after it
/// first failed: later than that it is no longer a reminder.
/// </summary>
/// <param name="AttemptLease">How long one attempt may take before another scheduler (or this one
/// after a restart) treats it as dead and tries again; longer than the sender's own timeout.</param>
public sealed record ReminderRetryPolicy(int MaxAttempts, Duration FirstDelay, Duration MaxDelay, Duration AttemptLease)
{
    public static ReminderRetryPolicy Default { get; } = new(5, Duration.FromMinutes(1), Duration.FromMinutes(30), Duration.FromMinutes(5));

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public Duration DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var delay = FirstDelay;
        for (var i = 1; i < attempt && delay < MaxDelay; i++)
        {
            delay += delay;
        }
        return Duration.Min(delay, MaxDelay);
    }
}
