using AuroraTime.Reminders.Reconciling;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// Re-plans every calendar object of one account, after a change of the account's settings that
/// changes what is planned (the DISPLAY/AUDIO email switch, the time zone). A firing re-plans itself
/// before sending, so switching off needs no walk; switching on does, or the owner's objects would
/// stay without their display alarms until each is next written.
/// </summary>
public static class AccountReplanning
{
    private const int PageSize = 200;

    /// <returns>How many objects were re-planned.</returns>
    public static async Task<int> ReplanAccountAsync(this ReminderReconciler reconciler, IStore store, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(store);
        var count = 0;
        var parents = new Stack<string?>([null]);
        while (parents.TryPop(out var parent))
        {
            for (PageRequest? request = PageRequest.First(PageSize); request is not null;)
            {
                var collections = await store.ListCollectionsAsync(userName, parent, request, cancellationToken).ConfigureAwait(false);
                foreach (var collection in collections.Items)
                {
                    parents.Push(collection.Ref.Path);
                    if (collection.Kind == CollectionKind.Calendar)
                    {
                        count += await ReplanCollectionAsync(reconciler, store, collection.Ref, cancellationToken).ConfigureAwait(false);
                    }
                }
                request = collections.NextRequest(PageSize);
            }
        }
        return count;
    }

    private static async Task<int> ReplanCollectionAsync(ReminderReconciler reconciler, IStore store, CollectionRef calendar, CancellationToken cancellationToken)
    {
        var count = 0;
        for (PageRequest? request = PageRequest.First(PageSize); request is not null;)
        {
            var objects = await store.ListObjectsAsync(calendar, request, cancellationToken).ConfigureAwait(false);
            foreach (var summary in objects.Items)
            {
                await reconciler.ReplanAsync(calendar.Object(summary.Href), cancellationToken).ConfigureAwait(false);
                count++;
            }
            request = objects.NextRequest(PageSize);
        }
        return count;
    }
}
