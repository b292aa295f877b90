using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>RFC 6578 change log reads (the BySequence local index, strongly consistent) and pruning.</summary>
public sealed partial class DynamoDbStore
{
    public async Task<ChangeSet> GetChangesAsync(CollectionRef collection, SyncToken? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, PageRequest.MaxLimit);
        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ChangeSet.Failed(StoreOutcome.NotFound);
        }

        if (since is { } token
            && (token.Incarnation != found.Incarnation || token.Sequence < found.Floor || token.Sequence > found.Sequence))
        {
            return ChangeSet.Failed(StoreOutcome.InvalidSyncToken);
        }

        var from = (since?.Sequence ?? 0) + 1;
        if (from > found.Sequence)
        {
            return new ChangeSet(StoreOutcome.Ok, [], new SyncToken(found.Incarnation, found.Sequence), false);
        }

        // Bounded by the sequence read with the collection: a write committed since then is left for
        // the next sync rather than reported under a token that claims to include it.
        var changes = new List<MemberChange>();
        long lastSequence = 0;
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           IndexName = DynamoDbTable.BySequence,
                           KeyConditionExpression = "PK = :pk AND #seq BETWEEN :from AND :to",
                           // Initial sync (no token) lists current members only (RFC 6578 section 3.8).
                           FilterExpression = since is null ? "#del = :false" : null,
                           ExpressionAttributeNames = since is null
                               ? new() { ["#seq"] = DynamoDbTable.SequenceAttribute, ["#del"] = "del" }
                               : new() { ["#seq"] = DynamoDbTable.SequenceAttribute },
                           ExpressionAttributeValues = since is null
                               ? new() { [":pk"] = S(found.Members), [":from"] = N(from), [":to"] = N(found.Sequence), [":false"] = Bool(false) }
                               : new() { [":pk"] = S(found.Members), [":from"] = N(from), [":to"] = N(found.Sequence) },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            if (changes.Count == limit)
            {
                return new ChangeSet(StoreOutcome.Ok, changes, new SyncToken(found.Incarnation, lastSequence), true);
            }

            changes.Add(new MemberChange(item.String("href"), item.Boolean("del")));
            lastSequence = item.Long(DynamoDbTable.SequenceAttribute);
        }

        return new ChangeSet(StoreOutcome.Ok, changes, new SyncToken(found.Incarnation, found.Sequence), false);
    }

    /// <summary>
    /// Raises the floor first, then deletes the old tombstones, each only if it is still that tombstone
    /// (a member re-created meanwhile has a live change item under the same key that must stay).
    /// </summary>
    public async Task<StoreOutcome> PruneChangeLogAsync(CollectionRef collection, Instant deletedBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return StoreOutcome.NotFound;
        }

        var tombstones = new List<(string SortKey, long Sequence)>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
                           FilterExpression = "#del = :true AND #at < :cutoff",
                           ExpressionAttributeNames = new() { ["#del"] = "del", ["#at"] = "at" },
                           ExpressionAttributeValues = new()
                           {
                               [":pk"] = S(found.Members), [":prefix"] = S(DynamoDbKeys.ChangePrefix), [":true"] = Bool(true),
                               [":cutoff"] = N(deletedBefore.ToUnixTimeTicks()),
                           },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            tombstones.Add((item.String(DynamoDbTable.SortKey), item.Long(DynamoDbTable.SequenceAttribute)));
        }

        if (tombstones.Count == 0)
        {
            return StoreOutcome.Ok;
        }

        // A client holding a token below the newest pruned tombstone could have missed that deletion.
        var floor = tombstones.Max(t => t.Sequence);
        await CommitAsync(Transaction().Update(found.Key, "SET #floor = :floor", "#inc = :inc AND #floor < :floor",
            new() { [":floor"] = N(floor), [":inc"] = S(found.Incarnation) }, new() { ["#floor"] = "floor", ["#inc"] = "inc" }), cancellationToken).ConfigureAwait(false);
        foreach (var (sortKey, sequence) in tombstones)
        {
            await CommitAsync(Transaction().Delete(Key(found.Members, sortKey), "#seq = :seq",
                new() { [":seq"] = N(sequence) }, names: new() { ["#seq"] = DynamoDbTable.SequenceAttribute }), cancellationToken).ConfigureAwait(false);
        }

        return StoreOutcome.Ok;
    }
}
