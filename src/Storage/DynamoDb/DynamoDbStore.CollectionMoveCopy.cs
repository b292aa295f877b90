using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// MOVE and COPY of whole collections (RFC 4918 sections 9.8 and 9.9, Depth infinity). Collection
/// items are keyed by path and members by incarnation, so a move rewrites only the subtree's
/// collection items, in one transaction. A copy first fills new incarnation partitions (unreachable
/// until a collection item names them) and then creates the collection items in one transaction, so
/// the copy appears at once or not at all. One transaction holds 100 items: a subtree of more than
/// about 30 collections is refused with InvalidOperationException.
/// </summary>
public sealed partial class DynamoDbStore
{
    public Task<StoreOutcome> MoveCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null) =>
        TransferCollectionAsync(source, target, overwrite, move: true, clearedReminders, cancellationToken);

    public Task<StoreOutcome> CopyCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null) =>
        TransferCollectionAsync(source, target, overwrite, move: false, clearedReminders, cancellationToken);

    private async Task<StoreOutcome> TransferCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, bool move, ICollection<DueReminder>? clearedReminders,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.UserName != target.UserName)
        {
            throw new ArgumentException("Move and copy stay within one account.", nameof(target));
        }

        if (target.Path == source.Path || target.Path.StartsWith(source.Path + "/", StringComparison.Ordinal))
        {
            return StoreOutcome.SameSourceAndTarget;
        }

        var sweep = new List<CollectionItem>();
        IReadOnlyList<DueReminder> replacedObjectReminders = [];
        var outcome = await OptimisticAsync(async () =>
        {
            replacedObjectReminders = []; // a retried attempt reads the target afresh
            var root = await FindCollectionAsync(source.UserName, source.Path, cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return StoreOutcome.NotFound;
            }

            CollectionItem? targetParent = null;
            if (target.ParentPath is { } parentPath)
            {
                targetParent = await FindCollectionAsync(target.UserName, parentPath, cancellationToken).ConfigureAwait(false);
                if (targetParent is null)
                {
                    return StoreOutcome.ParentNotFound;
                }
            }

            var existingCollection = await FindCollectionAsync(target.UserName, target.Path, cancellationToken).ConfigureAwait(false);
            var existingResource = targetParent is null
                ? null
                : await GetItemAsync(targetParent.Members, DynamoDbKeys.Object(target.Name), cancellationToken, CurrentVersionProjection, CurrentVersionNames)
                    .ConfigureAwait(false);
            if ((existingCollection is not null || existingResource is not null) && !overwrite)
            {
                return StoreOutcome.PreconditionFailed;
            }

            var transaction = Transaction();
            var changes = new Dictionary<string, (CollectionItem Collection, List<(string, bool)> Changes)>(StringComparer.Ordinal);
            void Change(CollectionItem collection, string href, bool deleted)
            {
                if (!changes.TryGetValue(collection.Path, out var entry))
                {
                    entry = (collection, []);
                    changes[collection.Path] = entry;
                }

                entry.Changes.Add((href, deleted));
            }

            // RFC 4918 section 9.9.3: with Overwrite: T the target is deleted first.
            var replaced = existingCollection is null ? [] : await SubtreeAsync(existingCollection, cancellationToken).ConfigureAwait(false);
            var subtree = await SubtreeAsync(root, cancellationToken).ConfigureAwait(false);
            var newPaths = subtree.Select(c => target.Path + c.Path[source.Path.Length..]).ToHashSet(StringComparer.Ordinal);
            RemoveCollections(transaction, replaced.Where(r => !newPaths.Contains(r.Path)));
            var replacedByPath = replaced.Where(r => newPaths.Contains(r.Path)).ToDictionary(r => r.Path, StringComparer.Ordinal);
            foreach (var r in replacedByPath.Values)
            {
                transaction.Delete(Key(DynamoDbKeys.Incarnation(r.Incarnation), DynamoDbKeys.IncarnationSortKey));
            }

            if (existingResource is not null)
            {
                var cleared = await RemoveObjectAsync(transaction, targetParent!, target.Name, existingResource, cancellationToken).ConfigureAwait(false);
                var replacedObject = targetParent!.Ref.Object(target.Name);
                replacedObjectReminders = [.. cleared.Select(r => ToDueReminder(replacedObject, r))];
                Change(targetParent!, target.Name, true);
            }

            var prepared = new List<string>();
            foreach (var collection in subtree)
            {
                var newRef = new CollectionRef(target.UserName, target.Path + collection.Path[source.Path.Length..]);
                var item = new Dictionary<string, AttributeValue>(collection.Item)
                {
                    [DynamoDbTable.SortKey] = S(DynamoDbKeys.Collection(newRef.Path)),
                    ["path"] = S(newRef.Path),
                    ["parent"] = S(newRef.ParentPath ?? ""),
                };
                var incarnation = collection.Incarnation;
                if (move)
                {
                    transaction.Delete(collection.Key, "#inc = :inc", new() { [":inc"] = S(collection.Incarnation) }, names: IncarnationNames);
                }
                else
                {
                    incarnation = Guid.NewGuid().ToString("N");
                    prepared.Add(incarnation);
                    var children = subtree.Where(c => c.Path.StartsWith(collection.Path + "/", StringComparison.Ordinal)
                                                      && !c.Path[(collection.Path.Length + 1)..].Contains('/'))
                        .Select(c => c.Path[(collection.Path.Length + 1)..] + "/");
                    var sequence = await CopyMembersAsync(collection, incarnation, children, cancellationToken).ConfigureAwait(false);
                    item["inc"] = S(incarnation);
                    item["seq"] = N(sequence);
                    item["floor"] = N(0);
                    item["created"] = N(NowTicks);
                }

                if (replacedByPath.TryGetValue(newRef.Path, out var previous))
                {
                    transaction.Put(item, "#inc = :inc", new() { [":inc"] = S(previous.Incarnation) }, names: IncarnationNames);
                }
                else
                {
                    transaction.Put(item, IsNewCondition);
                }

                transaction.Put(IncarnationItem(incarnation, newRef));
            }

            if (move && source.ParentPath is { } sourceParentPath
                && await FindCollectionAsync(source.UserName, sourceParentPath, cancellationToken).ConfigureAwait(false) is { } sourceParent)
            {
                Change(sourceParent, source.Name + "/", true);
            }

            if (targetParent is not null)
            {
                Change(targetParent, target.Name + "/", false);
            }

            foreach (var (collection, list) in changes.Values)
            {
                AppendChanges(transaction, collection, [.. list]);
            }

            if (await CommitAsync(transaction, cancellationToken).ConfigureAwait(false) is not null)
            {
                foreach (var incarnationToDrop in prepared)
                {
                    await SweepMembersAsync(incarnationToDrop, cancellationToken).ConfigureAwait(false);
                }

                return null;
            }

            sweep.AddRange(replaced);
            return existingCollection is not null || existingResource is not null ? StoreOutcome.Updated : StoreOutcome.Created;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var reminder in clearedReminders is null || outcome != StoreOutcome.Updated ? [] : replacedObjectReminders)
        {
            clearedReminders!.Add(reminder);
        }

        foreach (var gone in sweep)
        {
            await SweepMembersAsync(gone.Incarnation, cancellationToken, gone.Ref, clearedReminders).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// Fills a new incarnation with copies of the members, their UID claims and dead properties, and a
    /// change log in which every copied member and child collection is one change (an initial sync
    /// lists members from the log). Planned reminders are not copied: the planner plans the copies.
    /// </summary>
    /// <returns>The new log's sequence.</returns>
    private async Task<long> CopyMembersAsync(CollectionItem original, string incarnation, IEnumerable<string> childCollections, CancellationToken cancellationToken)
    {
        var members = DynamoDbKeys.Members(incarnation);
        var copies = new List<Dictionary<string, AttributeValue>>();
        var hrefs = new List<string>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk",
                           ExpressionAttributeValues = new() { [":pk"] = S(original.Members) },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            var sortKey = item.String(DynamoDbTable.SortKey);
            if (sortKey.StartsWith(DynamoDbKeys.ChangePrefix, StringComparison.Ordinal) || sortKey.StartsWith(DynamoDbKeys.ReminderPrefix, StringComparison.Ordinal)
                || sortKey.StartsWith(DynamoDbKeys.DeliveryPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var copy = new Dictionary<string, AttributeValue>(item) { [DynamoDbTable.PartitionKey] = S(members) };
            if (sortKey.StartsWith(DynamoDbKeys.ObjectPrefix, StringComparison.Ordinal))
            {
                var placeholder = new CollectionItem(original.UserName, original.Path, incarnation, original.Kind, 0, 0, original.Item);
                copy = await TransferredItemAsync(item, placeholder, item.String("href"), move: false, existing: null, cancellationToken).ConfigureAwait(false);
                hrefs.Add(item.String("href"));
            }

            copies.Add(copy);
        }

        hrefs.Sort(Utf8Order.Instance);
        long sequence = 0;
        var now = NowTicks;
        foreach (var href in hrefs.Concat(childCollections))
        {
            var change = Key(members, DynamoDbKeys.Change(href));
            change["href"] = S(href);
            change[DynamoDbTable.SequenceAttribute] = N(++sequence);
            change["del"] = Bool(false);
            change["at"] = N(now);
            copies.Add(change);
        }

        await PutItemsAsync(copies, cancellationToken).ConfigureAwait(false);
        return sequence;
    }
}
