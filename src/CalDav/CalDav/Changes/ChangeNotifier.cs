using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuroraTime.CalDav.CalDav.Changes;

/// <summary>
/// Tells every registered <see cref="ICalendarObjectObserver"/> about a committed store write.
/// Called only after the store reported success; observer failures are logged, never rethrown
/// (the write is committed, so the client must see its success).
/// </summary>
internal sealed partial class ChangeNotifier(IReadOnlyList<ICalendarObjectObserver> observers, ILogger logger)
{
    public static ChangeNotifier None { get; } = new([], NullLogger.Instance);

    public bool HasObservers => observers.Count > 0;

    /// <param name="cleared">The firings the store's write removed (<see cref="WriteResult.ClearedReminders"/>).</param>
    /// <param name="movedFrom">For a MOVE target, the collection path the object came from (<see cref="CalendarObjectChange.MovedFromCollectionPath"/>).</param>
    public Task WrittenAsync(StoredCollection collection, string href, ETag etag, ReadOnlyMemory<byte> data, IReadOnlyList<PendingReminder> cleared,
        CancellationToken cancellationToken, string? movedFrom = null) =>
        NotifyAsync(new CalendarObjectChange(CalendarObjectChangeKind.Written, collection.Ref.UserName, collection.Ref.Path, href,
            collection.Kind == CollectionKind.Calendar, etag.Quoted, data) { ClearedReminders = cleared, MovedFromCollectionPath = movedFrom }, cancellationToken);

    /// <param name="cleared">The firings the store's delete removed; empty for a MOVE source (they went with the object).</param>
    public Task DeletedAsync(StoredCollection collection, string href, IReadOnlyList<PendingReminder> cleared, CancellationToken cancellationToken) =>
        NotifyAsync(new CalendarObjectChange(CalendarObjectChangeKind.Deleted, collection.Ref.UserName, collection.Ref.Path, href,
            collection.Kind == CollectionKind.Calendar, null, ReadOnlyMemory<byte>.Empty) { ClearedReminders = cleared }, cancellationToken);

    public async Task NotifyAsync(CalendarObjectChange change, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.ObjectChangedAsync(change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The write is committed; failing the request now would make the client retry a done change.
                Log.ObserverFailed(logger, observer.GetType().Name, change.Kind.ToString(), change.CollectionPath, change.Href, e);
            }
        }
    }

    public async Task CollectionDeletedAsync(CollectionRef collection, IReadOnlyList<DueReminder> cleared, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.CollectionDeletedAsync(collection.UserName, collection.Path, cleared, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // As above: the delete is committed.
                Log.ObserverFailed(logger, observer.GetType().Name, "CollectionDeleted", collection.Path, "", e);
            }
        }
    }

    /// <summary>
    /// Reports every object of a collection tree that a COPY or MOVE created, as Written changes:
    /// the store copied them in one transaction, so observers learn about them here.
    /// </summary>
    /// <param name="movedFrom">For a MOVE, where <paramref name="root"/> was before; null for a COPY.</param>
    public async Task TreeWrittenAsync(IStore store, CollectionRef root, CancellationToken cancellationToken, CollectionRef? movedFrom = null)
    {
        if (!HasObservers || await store.GetCollectionAsync(root, cancellationToken) is not { } collection)
        {
            return;
        }
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await store.ListObjectsAsync(root, page, cancellationToken);
            var hrefs = result.Items.Select(s => s.Href).ToArray();
            foreach (var stored in await store.GetObjectsAsync(root, hrefs, cancellationToken))
            {
                await WrittenAsync(collection, stored.Href, stored.ETag, stored.Data, [], cancellationToken, movedFrom?.Path);
            }
            page = result.NextRequest(PageRequest.MaxLimit);
        }
        PageRequest? childPage = PageRequest.First(PageRequest.MaxLimit);
        while (childPage is not null)
        {
            var children = await store.ListCollectionsAsync(root.UserName, root.Path, childPage, cancellationToken);
            foreach (var child in children.Items)
            {
                await TreeWrittenAsync(store, child.Ref, cancellationToken, movedFrom?.Child(child.Ref.Name));
            }
            childPage = children.NextRequest(PageRequest.MaxLimit);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Change observer {Observer} failed on {Kind} of {CollectionPath}/{Href}; the write stays committed", EventName = "ObserverFailed")]
        public static partial void ObserverFailed(ILogger logger, string observer, string kind, string collectionPath, string href, Exception exception);
    }
}
