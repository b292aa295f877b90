using NodaTime;

namespace AuroraTime.Storage.Contract;

/// <summary>
/// One planned alarm firing of a calendar object. <see cref="AlarmKey"/> is chosen by the reminder
/// planner and names the alarm instance within the object (e.g. recurrence id + alarm index).
/// </summary>
public sealed record PendingReminder(string AlarmKey, Instant DueAt);

/// <summary>A planned firing that is due, with the object it belongs to (wherever it has moved since).</summary>
public sealed record DueReminder(ObjectRef Resource, string AlarmKey, Instant DueAt);

/// <summary>
/// Reminder state: the next trigger per alarm instance, and a sent log so a reminder is delivered at
/// most once even when two schedulers (or a retried Lambda) fire it.
/// </summary>
public interface IReminderStore
{
    /// <summary>
    /// Replaces the object's planned firings with a plan computed from the version tagged
    /// <paramref name="plannedFrom"/>. A rewrite of the object clears its plan, and a plan for an older
    /// version is refused, so a slow planner never restores stale alarms.
    /// </summary>
    /// <returns>Ok; NotFound (no such object); PreconditionFailed (the object changed since).</returns>
    Task<StoreOutcome> ReplacePendingRemindersAsync(ObjectRef resource, ETag plannedFrom, IReadOnlyList<PendingReminder> reminders, CancellationToken cancellationToken = default);

    /// <summary>The object's planned firings, ordered by due time.</summary>
    Task<IReadOnlyList<PendingReminder>> GetPendingRemindersAsync(ObjectRef resource, CancellationToken cancellationToken = default);

    /// <summary>Firings due at or before <paramref name="dueBy"/> across all accounts, oldest first, paged.</summary>
    Task<Page<DueReminder>> ListDueRemindersAsync(Instant dueBy, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: records <paramref name="idempotencyKey"/> in the account's sent log and
    /// removes the planned firing (only if it is still planned for <see cref="DueReminder.DueAt"/>).
    /// Call before sending; send only on Created.
    /// </summary>
    /// <returns>Created (first claim: send it); AlreadyExists (someone already did); NotFound (no such account).</returns>
    Task<StoreOutcome> ClaimReminderAsync(DueReminder reminder, string idempotencyKey, CancellationToken cancellationToken = default);
}
