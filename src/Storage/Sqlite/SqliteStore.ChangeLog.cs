using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Sqlite;

/// <summary>RFC 6578 change log reads and pruning.</summary>
public sealed partial class SqliteStore
{
    public Task<ChangeSet> GetChangesAsync(CollectionRef collection, SyncToken? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, PageRequest.MaxLimit);
        cancellationToken.ThrowIfCancellationRequested();
        // One snapshot: the current sequence and the changes read must agree, or a concurrent write
        // could be skipped by a token that claims to include it.
        return Task.FromResult(Read(session =>
        {
            var row = FindCollection(session, collection.UserName, collection.Path);
            if (row is null)
            {
                return ChangeSet.Failed(StoreOutcome.NotFound);
            }

            if (since is { } token
                && (token.Incarnation != row.Incarnation || token.Sequence < row.PruneFloor || token.Sequence > row.Sequence))
            {
                return ChangeSet.Failed(StoreOutcome.InvalidSyncToken);
            }

            // Initial sync (no token) lists current members only: tombstones mean nothing to a client
            // that never saw the member (RFC 6578 section 3.8).
            // Read through SQLite's API like the listing (RawObjectRows): an initial sync reads every member's row.
            using var rows = PrepareRows(session,
                    "SELECT href, deleted, sequence FROM changes WHERE collection_id = $id AND sequence > $since " +
                    "AND ($initial = 0 OR deleted = 0) ORDER BY sequence LIMIT $limit")
                .Bind("$id", row.Id).Bind("$since", since?.Sequence ?? 0).Bind("$initial", since is null ? 1 : 0)
                .Bind("$limit", limit + 1);
            var changes = new List<MemberChange>(Math.Min(limit, 1024));
            long lastSequence = 0;
            var more = false;
            while (rows.Step())
            {
                if (changes.Count == limit)
                {
                    more = true;
                    break;
                }

                changes.Add(new MemberChange(rows.ReadText(0), rows.ReadInt64(1) != 0));
                lastSequence = rows.ReadInt64(2);
            }

            var reached = more ? lastSequence : row.Sequence;
            return new ChangeSet(StoreOutcome.Ok, changes, new SyncToken(row.Incarnation, reached), more);
        }, snapshot: true));
    }

    public Task<StoreOutcome> PruneChangeLogAsync(CollectionRef collection, Instant deletedBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return WriteAsync(session =>
        {
            var row = FindCollection(session, collection.UserName, collection.Path);
            if (row is null)
            {
                return StoreOutcome.NotFound;
            }

            var cutoff = deletedBefore.ToUnixTimeTicks();
            var newestPruned = session.Command(
                    "SELECT MAX(sequence) FROM changes WHERE collection_id = $id AND deleted = 1 AND changed_at < $cutoff")
                .With("$id", row.Id).With("$cutoff", cutoff).ExecuteScalar() as long?;
            if (newestPruned is { } floor)
            {
                session.Command("DELETE FROM changes WHERE collection_id = $id AND deleted = 1 AND changed_at < $cutoff")
                    .With("$id", row.Id).With("$cutoff", cutoff).ExecuteNonQuery();
                // A client holding a token below the newest pruned tombstone could have missed that deletion.
                session.Command("UPDATE collections SET prune_floor = MAX(prune_floor, $floor) WHERE id = $id")
                    .With("$id", row.Id).With("$floor", floor).ExecuteNonQuery();
            }

            return StoreOutcome.Ok;
        }, cancellationToken);
    }
}
