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

    /// <summary>
    /// Claimed, but the sender failed for good: a permanent refusal, the last allowed attempt, or a
    /// store without delivery state (no retries there). Recorded and logged once.
    /// </summary>
    SendFailed,

    /// <summary>Claimed, the send failed transiently: the delivery stays claimed-but-unsent and is retried later.</summary>
    Deferred,
}
