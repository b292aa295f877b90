namespace AuroraTime.Reminders.Scheduling;

/// <summary>What happened to one due firing.</summary>
public enum DispatchOutcome
{
    /// <summary>Claimed and handed to the sender.</summary>
    Sent,

    /// <summary>Claimed (recorded) but not sent: it fell due longer ago than the grace period.</summary>
    SkippedLate,

    /// <summary>Another scheduler already claimed it.</summary>
    AlreadyClaimed,

    /// <summary>The object no longer plans this firing (edited or acknowledged meanwhile); re-planned, nothing sent.</summary>
    Stale,

    /// <summary>The object or its account is gone.</summary>
    Gone,

    /// <summary>Claimed, but the sender failed: not retried (at most once).</summary>
    SendFailed,
}
