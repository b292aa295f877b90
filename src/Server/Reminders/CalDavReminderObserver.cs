using AuroraTime.CalDav.CalDav.Changes;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Reminders;

/// <summary>
/// Keeps reminders in step with CalDAV writes: a written calendar object is re-planned from the bytes
/// just stored (with their ETag, so a slower plan of an older version is refused by the store); a
/// deletion needs no work because the store drops an object's firings with it.
/// </summary>
internal sealed class CalDavReminderObserver(ReminderReconciler reconciler) : ICalendarObjectObserver
{
    public async Task ObjectChangedAsync(CalendarObjectChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind == CalendarObjectChangeKind.Deleted)
        {
            reconciler.Removed();
            return;
        }
        if (!change.IsCalendarCollection || !ETag.TryParseQuoted(change.ETag, out var etag))
        {
            return;
        }
        var resource = new ObjectRef(new CollectionRef(change.Account, change.CollectionPath), change.Href);
        await reconciler.PlanWrittenAsync(resource, etag, change.Data, cancellationToken).ConfigureAwait(false);
    }

    public Task CollectionDeletedAsync(string account, string collectionPath, CancellationToken cancellationToken)
    {
        reconciler.Removed();
        return Task.CompletedTask;
    }
}
