using AuroraTime.CalDav.CalDav.Changes;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Reminders;

/// <summary>
/// Keeps reminders in step with CalDAV writes: a written calendar object is re-planned from the bytes
/// just stored (with their ETag, so a slower plan of an older version is refused by the store); a
/// deletion needs no store work because the store drops an object's firings with it. The firings a
/// write dropped travel with the change, so an external timer (AWS mode) deletes exactly those.
/// </summary>
internal sealed class CalDavReminderObserver(ReminderReconciler reconciler) : ICalendarObjectObserver
{
    public async Task ObjectChangedAsync(CalendarObjectChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind == CalendarObjectChangeKind.Deleted)
        {
            await reconciler.RemovedAsync(new CollectionRef(change.Account, change.CollectionPath), change.ClearedReminders, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!change.IsCalendarCollection || !ETag.TryParseQuoted(change.ETag, out var etag))
        {
            // A write into a plain collection: whatever it replaced had no plan worth keeping.
            await reconciler.RemovedAsync(new CollectionRef(change.Account, change.CollectionPath), change.ClearedReminders, cancellationToken).ConfigureAwait(false);
            return;
        }
        var resource = new ObjectRef(new CollectionRef(change.Account, change.CollectionPath), change.Href);
        if (change.MovedFromCollectionPath is { } movedFrom)
        {
            await reconciler.PlanMovedAsync(resource, new CollectionRef(change.Account, movedFrom), etag, change.Data, change.ClearedReminders, cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        await reconciler.PlanWrittenAsync(resource, etag, change.Data, change.ClearedReminders, cancellationToken).ConfigureAwait(false);
    }

    public Task CollectionDeletedAsync(string account, string collectionPath, IReadOnlyList<DueReminder> clearedReminders, CancellationToken cancellationToken) =>
        reconciler.RemovedAsync(clearedReminders, cancellationToken);
}
