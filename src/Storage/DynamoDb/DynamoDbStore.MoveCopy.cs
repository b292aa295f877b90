using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>MOVE and COPY of resources (RFC 4918 sections 9.8 and 9.9), each one transaction.</summary>
public sealed partial class DynamoDbStore
{
    public Task<WriteResult> MoveObjectAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, CancellationToken cancellationToken = default) =>
        TransferAsync(source, target, targetPrecondition, move: true, cancellationToken);

    public Task<WriteResult> CopyObjectAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, CancellationToken cancellationToken = default) =>
        TransferAsync(source, target, targetPrecondition, move: false, cancellationToken);

    private async Task<WriteResult> TransferAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, bool move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(targetPrecondition);
        if (source.Collection.UserName != target.Collection.UserName)
        {
            throw new ArgumentException("Move and copy stay within one account.", nameof(target));
        }

        if (source == target)
        {
            return WriteResult.Of(StoreOutcome.SameSourceAndTarget);
        }

        string? replacedSpill = null;
        var result = await OptimisticAsync(async () =>
        {
            var from = await FindCollectionAsync(source.Collection.UserName, source.Collection.Path, cancellationToken).ConfigureAwait(false);
            var original = from is null ? null : await GetItemAsync(from.Members, DynamoDbKeys.Object(source.Href), cancellationToken).ConfigureAwait(false);
            if (from is null || original is null)
            {
                return WriteResult.Of(StoreOutcome.NotFound);
            }

            var to = await FindCollectionAsync(target.Collection.UserName, target.Collection.Path, cancellationToken).ConfigureAwait(false);
            if (to is null)
            {
                return WriteResult.Of(StoreOutcome.ParentNotFound);
            }

            var existing = await GetItemAsync(to.Members, DynamoDbKeys.Object(target.Href), cancellationToken, CurrentVersionProjection, CurrentVersionNames)
                .ConfigureAwait(false);
            if (!targetPrecondition.IsSatisfiedBy(existing is null ? null : ETag.FromStoredValue(existing.String("etag"))))
            {
                return WriteResult.Of(StoreOutcome.PreconditionFailed);
            }

            var sameCollection = from.Incarnation == to.Incarnation;
            var transaction = Transaction();
            var item = await TransferredItemAsync(original, to, target.Href, move, existing, cancellationToken).ConfigureAwait(false);
            PutReplacing(transaction, item, existing);
            var uid = original.OptionalString("uid");
            ClaimUid(transaction, to, target.Href, uid, existing?.OptionalString("uid"), releasedBy: move && sameCollection ? source.Href : null);

            var properties = await GetItemAsync(from.Members, DynamoDbKeys.DeadProperties(source.Href), cancellationToken).ConfigureAwait(false);
            if (properties is not null)
            {
                properties[DynamoDbTable.PartitionKey] = S(to.Members);
                properties[DynamoDbTable.SortKey] = S(DynamoDbKeys.DeadProperties(target.Href));
                transaction.Put(properties);
            }
            else if (existing is not null)
            {
                transaction.Delete(Key(to.Members, DynamoDbKeys.DeadProperties(target.Href)));
            }

            var movedReminders = new HashSet<string>(StringComparer.Ordinal);
            if (move)
            {
                transaction.Delete(Key(from.Members, DynamoDbKeys.Object(source.Href)), UnchangedObject, UnchangedValues(original), names: UnchangedNames);
                if (uid is not null && !sameCollection)
                {
                    transaction.Delete(Key(from.Members, DynamoDbKeys.Uid(uid)), "#href = :href", new() { [":href"] = S(source.Href) },
                        names: new() { ["#href"] = "href" });
                }

                transaction.Delete(Key(from.Members, DynamoDbKeys.DeadProperties(source.Href)));
                // Planned firings follow the object (the plan is for these bytes, wherever they live).
                foreach (var reminder in await ReminderItemsAsync(from.Members, source.Href, cancellationToken).ConfigureAwait(false))
                {
                    transaction.Delete(Key(from.Members, reminder.String(DynamoDbTable.SortKey)));
                    var moved = ReminderItem(to, target.Href, reminder.String("alarm"), reminder.Long("due"));
                    movedReminders.Add(moved.String(DynamoDbTable.SortKey));
                    transaction.Put(moved);
                }
            }

            IReadOnlyList<PendingReminder> cleared = [];
            if (existing is not null)
            {
                cleared = await DeleteRemindersInAsync(transaction, to, target.Href, cancellationToken, movedReminders).ConfigureAwait(false);
                await DeleteDeliveriesInAsync(transaction, to, target.Href, cancellationToken).ConfigureAwait(false);
            }

            if (move)
            {
                // Open and failed deliveries follow the object too (as on SQLite, where they hang on its row).
                await MoveDeliveriesInAsync(transaction, from, source.Href, to, target.Href, cancellationToken).ConfigureAwait(false);
            }

            if (move && sameCollection)
            {
                AppendChanges(transaction, to, (source.Href, true), (target.Href, false));
            }
            else
            {
                if (move)
                {
                    AppendChanges(transaction, from, (source.Href, true));
                }

                AppendChanges(transaction, to, (target.Href, false));
            }

            var failure = await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                replacedSpill = existing is null ? null : ObjectBody.SpillKeyOf(existing);
                return new WriteResult(existing is null ? StoreOutcome.Created : StoreOutcome.Updated, ETag.FromStoredValue(original.String("etag")))
                {
                    ClearedReminders = cleared,
                };
            }

            if (!move && ObjectBody.SpillKeyOf(item) is { } copied && copied != ObjectBody.SpillKeyOf(original))
            {
                await _spill!.DeleteAsync(copied, cancellationToken).ConfigureAwait(false);
            }

            return UidConflictOrAlreadyExists(failure);
        }, cancellationToken).ConfigureAwait(false);
        if (replacedSpill is not null && _spill is not null)
        {
            await _spill.DeleteAsync(replacedSpill, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// The object item at its new place. A move keeps the item as it is (its spilled body too); a copy
    /// is modified now and gets its own spilled body, so deleting either never breaks the other.
    /// </summary>
    private async Task<Dictionary<string, AttributeValue>> TransferredItemAsync(Dictionary<string, AttributeValue> original, CollectionItem to, string href,
        bool move, Dictionary<string, AttributeValue>? existing, CancellationToken cancellationToken)
    {
        var item = new Dictionary<string, AttributeValue>(original)
        {
            [DynamoDbTable.PartitionKey] = S(to.Members),
            [DynamoDbTable.SortKey] = S(DynamoDbKeys.Object(href)),
            ["href"] = S(href),
            ["planv"] = N(Math.Max(existing?.OptionalLong("planv") ?? 0, original.OptionalLong("planv") ?? 0) + 1),
        };
        if (move)
        {
            return item;
        }

        item["mod"] = N(NowTicks);
        if (ObjectBody.SpillKeyOf(original) is not null)
        {
            var data = await ObjectBody.DecodeAsync(original, _spill, cancellationToken).ConfigureAwait(false);
            foreach (var name in new[] { ObjectBody.DataAttribute, ObjectBody.EncodingAttribute, ObjectBody.SpillKeyAttribute, ObjectBody.SpillTagAttribute })
            {
                item.Remove(name);
            }

            foreach (var (name, value) in await ObjectBody.EncodeAsync(data, SpillKey(ETag.FromContent(data)), _spill, cancellationToken).ConfigureAwait(false))
            {
                item[name] = value;
            }
        }

        return item;
    }
}
