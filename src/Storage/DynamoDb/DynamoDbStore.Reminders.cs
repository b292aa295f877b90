using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// Planned firings are items beside their object (REM#href/alarm) and appear in GSI1 under DUE,
/// sorted by due time; the sent log is in the account partition. A plan replacement bumps the
/// object's plan version, which every rewrite of the object checks, so a rewrite never keeps a plan
/// that was written after the rewrite read the old one.
/// </summary>
public sealed partial class DynamoDbStore
{
    private static readonly Dictionary<string, string> DueNames = new() { ["#due"] = "due" };

    public async Task<StoreOutcome> ReplacePendingRemindersAsync(ObjectRef resource, ETag plannedFrom, IReadOnlyList<PendingReminder> reminders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(reminders);
        foreach (var reminder in reminders)
        {
            ArgumentNullException.ThrowIfNull(reminder, nameof(reminders));
            ArgumentException.ThrowIfNullOrEmpty(reminder.AlarmKey, nameof(reminders));
        }

        if (reminders.Select(r => r.AlarmKey).Distinct(StringComparer.Ordinal).Count() != reminders.Count)
        {
            throw new ArgumentException("Alarm keys must be unique within one object.", nameof(reminders));
        }

        return await OptimisticAsync(async () =>
        {
            var collection = await FindCollectionAsync(resource.Collection.UserName, resource.Collection.Path, cancellationToken).ConfigureAwait(false);
            var current = collection is null
                ? null
                : await GetItemAsync(collection.Members, DynamoDbKeys.Object(resource.Href), cancellationToken, CurrentVersionProjection, CurrentVersionNames)
                    .ConfigureAwait(false);
            if (collection is null || current is null)
            {
                return StoreOutcome.NotFound;
            }

            if (current.String("etag") != plannedFrom.Value)
            {
                return StoreOutcome.PreconditionFailed;
            }

            var transaction = Transaction();
            var values = UnchangedValues(current);
            values[":next"] = N(current.Long("planv") + 1);
            transaction.Update(Key(collection.Members, DynamoDbKeys.Object(resource.Href)), "SET #planv = :next", UnchangedObject, values, UnchangedNames);
            var planned = reminders.Select(r => DynamoDbKeys.Reminder(resource.Href, r.AlarmKey)).ToHashSet(StringComparer.Ordinal);
            foreach (var old in await ReminderItemsAsync(collection.Members, resource.Href, cancellationToken).ConfigureAwait(false))
            {
                if (!planned.Contains(old.String(DynamoDbTable.SortKey)))
                {
                    transaction.Delete(Key(collection.Members, old.String(DynamoDbTable.SortKey)));
                }
            }

            foreach (var reminder in reminders)
            {
                transaction.Put(ReminderItem(collection, resource.Href, reminder.AlarmKey, reminder.DueAt.ToUnixTimeTicks()));
            }

            return await CommitAsync(transaction, cancellationToken).ConfigureAwait(false) is null ? StoreOutcome.Ok : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingReminder>> GetPendingRemindersAsync(ObjectRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var collection = await FindCollectionAsync(resource.Collection.UserName, resource.Collection.Path, cancellationToken).ConfigureAwait(false);
        if (collection is null)
        {
            return [];
        }

        return (await ReminderItemsAsync(collection.Members, resource.Href, cancellationToken).ConfigureAwait(false))
            .Select(ToPendingReminder)
            .OrderBy(r => r.DueAt)
            .ThenBy(r => r.AlarmKey, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Oldest first from GSI1's DUE partition; the continuation is the last index key. Firings of an
    /// incarnation that no longer has a collection (deleted, not yet swept) are skipped. On AWS the
    /// index is eventually consistent: a firing planned a moment ago can show up on the next poll.
    /// One index partition carries every firing; past a few thousand writes a second it would need
    /// sharding (DUE#0..n), which this layout leaves room for.
    /// </summary>
    public async Task<Page<DueReminder>> ListDueRemindersAsync(Instant dueBy, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        var upper = DynamoDbKeys.DueUpperBound(dueBy.ToUnixTimeTicks());
        if (page.After is not null && Utf8Order.Instance.Compare(page.After, upper) >= 0)
        {
            // Continuing past the bound (dueBy moved back between pages): nothing more is due.
            return new Page<DueReminder>([], null);
        }

        var values = new Dictionary<string, AttributeValue>
        {
            [":p"] = S(DynamoDbKeys.DueIndexPartition),
            [":hi"] = S(upper),
        };
        if (page.After is not null)
        {
            values[":after"] = S(page.After);
        }

        var request = new QueryRequest
        {
            IndexName = DynamoDbTable.Gsi1,
            KeyConditionExpression = page.After is null ? "GSI1PK = :p AND GSI1SK < :hi" : "GSI1PK = :p AND GSI1SK BETWEEN :after AND :hi",
            ExpressionAttributeValues = values,
        };
        var paths = new Dictionary<string, CollectionRef?>(StringComparer.Ordinal);
        var items = new List<(DueReminder Reminder, string IndexKey)>();
        await foreach (var item in QueryAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var indexKey = item.String(DynamoDbTable.Gsi1SortKey);
            if (indexKey == page.After)
            {
                continue;
            }

            var collection = await CollectionOfIncarnationAsync(paths, item.String("inc"), cancellationToken).ConfigureAwait(false);

            if (collection is null)
            {
                continue;
            }

            if (items.Count == limit)
            {
                return new Page<DueReminder>(items.Select(i => i.Reminder).ToList(), items[^1].IndexKey);
            }

            items.Add((new DueReminder(collection.Object(item.String("href")), item.String("alarm"), ToInstant(item.Long("due"))), indexKey));
        }

        return new Page<DueReminder>(items.Select(i => i.Reminder).ToList(), null);
    }

    public Task<StoreOutcome> ClaimReminderAsync(DueReminder reminder, string idempotencyKey, CancellationToken cancellationToken = default) =>
        ClaimAsync(reminder, idempotencyKey, leaseUntil: null, cancellationToken);

    /// <summary>
    /// The sent-log item (create-only) and the planned firing's removal in one transaction; with
    /// <paramref name="leaseUntil"/>, also the unsent delivery beside the object (which must exist),
    /// and the sent-log item points at it so Defer/Finish find it by idempotency key.
    /// </summary>
    private async Task<StoreOutcome> ClaimAsync(DueReminder reminder, string idempotencyKey, Instant? leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var userName = reminder.Resource.Collection.UserName;
        return await OptimisticAsync(async () =>
        {
            if (!await AccountExistsAsync(userName, cancellationToken).ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            var planned = await PlannedFiringAsync(reminder, cancellationToken).ConfigureAwait(false);
            var sent = Key(DynamoDbKeys.Account(userName), DynamoDbKeys.Sent(idempotencyKey));
            sent["at"] = N(NowTicks);
            var transaction = CheckAccount(Transaction(), userName).Put(sent, IsNewCondition, role: WriteRole.NewRecord);
            if (planned is not null)
            {
                transaction.Delete(planned, "#due = :due", new() { [":due"] = N(reminder.DueAt.ToUnixTimeTicks()) }, names: DueNames);
            }

            if (leaseUntil is { } lease && !await AddDeliveryAsync(transaction, sent, reminder, idempotencyKey, lease, cancellationToken).ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            var failure = await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return StoreOutcome.Created;
            }

            if (failure.Failed(WriteRole.AccountExists))
            {
                return StoreOutcome.NotFound;
            }

            if (!failure.Failed(WriteRole.NewRecord))
            {
                return null;
            }

            // Someone already claimed it; the firing still goes, as in the winner's transaction.
            if (planned is not null)
            {
                await CommitAsync(Transaction().Delete(planned, "#due = :due", new() { [":due"] = N(reminder.DueAt.ToUnixTimeTicks()) }, names: DueNames),
                    cancellationToken).ConfigureAwait(false);
            }

            return StoreOutcome.AlreadyExists;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The collection an incarnation is currently named by (its INC item), remembered in <paramref name="known"/>
    /// for one listing; null when the collection was deleted and its partition not swept yet.
    /// </summary>
    private async Task<CollectionRef?> CollectionOfIncarnationAsync(Dictionary<string, CollectionRef?> known, string incarnation, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(incarnation, out var collection))
        {
            var owner = await GetItemAsync(DynamoDbKeys.Incarnation(incarnation), DynamoDbKeys.IncarnationSortKey, cancellationToken).ConfigureAwait(false);
            collection = owner is null ? null : new CollectionRef(owner.String("user"), owner.String("path"));
            known[incarnation] = collection;
        }

        return collection;
    }

    /// <summary>The key of the planned firing when it is still planned for the reminder's due time, else null.</summary>
    private async Task<Dictionary<string, AttributeValue>?> PlannedFiringAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        var collection = await FindCollectionAsync(reminder.Resource.Collection.UserName, reminder.Resource.Collection.Path, cancellationToken).ConfigureAwait(false);
        if (collection is null)
        {
            return null;
        }

        var sortKey = DynamoDbKeys.Reminder(reminder.Resource.Href, reminder.AlarmKey);
        var item = await GetItemAsync(collection.Members, sortKey, cancellationToken).ConfigureAwait(false);
        return item is not null && item.Long("due") == reminder.DueAt.ToUnixTimeTicks() ? Key(collection.Members, sortKey) : null;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ReminderItemsAsync(string members, string href, CancellationToken cancellationToken)
    {
        var prefix = DynamoDbKeys.Reminders(href);
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
                           ExpressionAttributeValues = new() { [":pk"] = S(members), [":prefix"] = S(prefix) },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>
    /// Adds the deletion of every planned firing of the object to the transaction and returns them. The
    /// read is consistent and the transaction's object condition includes the plan version, so a plan
    /// replaced in between fails the commit: what is returned is what the committed write removed.
    /// </summary>
    private async Task<IReadOnlyList<PendingReminder>> DeleteRemindersInAsync(DynamoDbTransaction transaction, CollectionItem collection, string href,
        CancellationToken cancellationToken, IReadOnlySet<string>? except = null)
    {
        var cleared = new List<PendingReminder>();
        foreach (var item in await ReminderItemsAsync(collection.Members, href, cancellationToken).ConfigureAwait(false))
        {
            if (except?.Contains(item.String(DynamoDbTable.SortKey)) != true)
            {
                transaction.Delete(Key(collection.Members, item.String(DynamoDbTable.SortKey)));
                cleared.Add(ToPendingReminder(item));
            }
        }

        return cleared;
    }

    private static PendingReminder ToPendingReminder(Dictionary<string, AttributeValue> item) => new(item.String("alarm"), ToInstant(item.Long("due")));

    private static DueReminder ToDueReminder(ObjectRef resource, PendingReminder reminder) => new(resource, reminder.AlarmKey, reminder.DueAt);

    private static Dictionary<string, AttributeValue> ReminderItem(CollectionItem collection, string href, string alarmKey, long dueTicks)
    {
        var item = Key(collection.Members, DynamoDbKeys.Reminder(href, alarmKey));
        item["href"] = S(href);
        item["alarm"] = S(alarmKey);
        item["due"] = N(dueTicks);
        item["inc"] = S(collection.Incarnation);
        item[DynamoDbTable.Gsi1PartitionKey] = S(DynamoDbKeys.DueIndexPartition);
        item[DynamoDbTable.Gsi1SortKey] = S(DynamoDbKeys.DueSortKey(dueTicks, collection.Incarnation, href, alarmKey));
        return item;
    }
}
