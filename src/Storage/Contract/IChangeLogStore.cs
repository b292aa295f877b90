using NodaTime;

namespace AuroraTime.Storage.Contract;

/// <summary>The per-collection change log behind RFC 6578 sync-collection and CS:getctag.</summary>
public interface IChangeLogStore
{
    /// <summary>
    /// The latest state of every member changed after <paramref name="since"/> (null = initial sync:
    /// all current members, no tombstones, RFC 6578 section 3.8), oldest change first, at most
    /// <paramref name="limit"/> of them.
    /// </summary>
    /// <returns>Outcome Ok; NotFound; InvalidSyncToken (foreign, future, or older than the pruning floor).</returns>
    Task<ChangeSet> GetChangesAsync(CollectionRef collection, SyncToken? since, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops tombstones recorded before <paramref name="deletedBefore"/> and raises the collection's
    /// floor past them: tokens older than the floor then answer InvalidSyncToken, so a client that
    /// could have missed a deletion does a full resync instead.
    /// </summary>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> PruneChangeLogAsync(CollectionRef collection, Instant deletedBefore, CancellationToken cancellationToken = default);
}
