using AuroraTime.Storage.Contract;

namespace AuroraTime.Reminders.Reconciling;

/// <summary>
/// Hears every change of an object's planned firings, with the firings before and after, just before
/// the store takes the new plan: an external timer (EventBridge Scheduler) creates and deletes the
/// difference. Calls must be idempotent: a plan the store then refuses (the object changed meanwhile)
/// may already have been applied, and a failed call is repeated by the next attempt. The store stays the
/// source of truth (a schedule for a firing it does not hold sends nothing); the in-process scheduler
/// needs no listener.
/// </summary>
public interface IPendingReminderListener
{
    /// <param name="plannedFrom">ETag of the object version the new plan was computed from.</param>
    Task PendingChangedAsync(ObjectRef resource, ETag plannedFrom, IReadOnlyList<PendingReminder> before, IReadOnlyList<PendingReminder> after, CancellationToken cancellationToken);

    /// <summary>
    /// Firings of objects in <paramref name="collection"/> that a committed delete removed (object or
    /// collection), or that a MOVE carried out of it to another collection: nothing there replaces them.
    /// </summary>
    Task PendingRemovedAsync(CollectionRef collection, IReadOnlyList<PendingReminder> removed, CancellationToken cancellationToken);
}
