using AuroraTime.Storage.Contract;

namespace AuroraTime.Reminders.Reconciling;

/// <summary>
/// Hears every change of an object's planned firings after the store accepted it, with the firings
/// before and after: an external timer (EventBridge Scheduler) creates and deletes exactly the difference.
/// The store stays the source of truth; the in-process scheduler needs no listener.
/// </summary>
public interface IPendingReminderListener
{
    /// <param name="plannedFrom">ETag of the object version the new plan was computed from.</param>
    Task PendingChangedAsync(ObjectRef resource, ETag plannedFrom, IReadOnlyList<PendingReminder> before, IReadOnlyList<PendingReminder> after, CancellationToken cancellationToken);
}
