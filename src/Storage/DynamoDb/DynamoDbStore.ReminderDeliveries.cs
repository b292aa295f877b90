using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// Claimed-but-unsent deliveries (DynamoDbMapping.md): an item DLV#href/key beside its object, so it
/// dies with the object and with the account's partitions; open ones are in GSI1 under DLV by next
/// attempt, failed ones under DLVFAIL#user by failure time. The sent-log item written in the same
/// claim transaction points at the delivery, so it is found again by (user, idempotency key).
/// </summary>
public sealed partial class DynamoDbStore : IReminderDeliveryStore
{
    private const string OpenDelivery = "attribute_exists(#next)";

    private static readonly Dictionary<string, string> NextNames = new() { ["#next"] = "next" };

    public Task<StoreOutcome> ClaimForDeliveryAsync(DueReminder reminder, string idempotencyKey, Instant leaseUntil, CancellationToken cancellationToken = default) =>
        ClaimAsync(reminder, idempotencyKey, leaseUntil, cancellationToken);

    /// <summary>
    /// Oldest next attempt first, from GSI1 (eventually consistent on AWS: a delivery claimed or leased
    /// a moment ago may show up, or show its old lease, on the next poll; the lease's condition on the
    /// attempt count keeps a stale view from sending twice).
    /// </summary>
    public async Task<IReadOnlyList<ReminderDelivery>> ListDueDeliveriesAsync(Instant dueBy, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var deliveries = new List<ReminderDelivery>();
        var paths = new Dictionary<string, CollectionRef?>(StringComparer.Ordinal);
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           IndexName = DynamoDbTable.Gsi1,
                           KeyConditionExpression = "GSI1PK = :p AND GSI1SK < :hi",
                           ExpressionAttributeValues = new()
                           {
                               [":p"] = S(DynamoDbKeys.OpenDeliveriesIndexPartition),
                               [":hi"] = S(DynamoDbKeys.DueUpperBound(dueBy.ToUnixTimeTicks())),
                           },
                       }, cancellationToken).ConfigureAwait(false))
        {
            var collection = await CollectionOfIncarnationAsync(paths, item.String("inc"), cancellationToken).ConfigureAwait(false);

            // A delivery of a deleted collection (partition not swept yet) is unreachable, as its object.
            if (collection is not null)
            {
                deliveries.Add(ReadDelivery(collection, item));
                if (deliveries.Count == limit)
                {
                    break;
                }
            }
        }

        return deliveries;
    }

    public async Task<Instant?> NextDeliveryAttemptAsync(CancellationToken cancellationToken = default)
    {
        var next = await ListDueDeliveriesAsync(Instant.MaxValue - Duration.FromDays(1), 1, cancellationToken).ConfigureAwait(false);
        return next.Count == 0 ? null : next[0].NextAttemptAt;
    }

    public async Task<StoreOutcome> LeaseDeliveryAsync(ReminderDelivery seen, Instant leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var collection = await FindCollectionAsync(seen.Resource.Collection.UserName, seen.Resource.Collection.Path, cancellationToken).ConfigureAwait(false);
        if (collection is null)
        {
            return StoreOutcome.NotFound;
        }

        var key = Key(collection.Members, DynamoDbKeys.Delivery(seen.Resource.Href, seen.IdempotencyKey));
        // Compare-and-set on the attempt count: of two schedulers that read the same attempt, one wins.
        var transaction = Transaction().Update(key, "SET #att = :next_att, #next = :lease, GSI1SK = :sk", $"{OpenDelivery} AND #att = :att",
            new()
            {
                [":att"] = N(seen.Attempts),
                [":next_att"] = N(seen.Attempts + 1),
                [":lease"] = N(leaseUntil.ToUnixTimeTicks()),
                [":sk"] = S(DynamoDbKeys.DeliverySortKey(leaseUntil.ToUnixTimeTicks(), collection.Incarnation, seen.Resource.Href, seen.IdempotencyKey)),
            },
            new(NextNames) { ["#att"] = "att" });
        var failure = await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            return StoreOutcome.Ok;
        }

        return failure.ItemOf(WriteRole.State) is { } current && current.ContainsKey("next") ? StoreOutcome.PreconditionFailed : StoreOutcome.NotFound;
    }

    public async Task<StoreOutcome> DeferDeliveryAsync(string userName, string idempotencyKey, Instant nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(error);
        return await UpdateOpenDeliveryAsync(userName, idempotencyKey, (delivery, transaction) => transaction.Update(delivery.Key,
            "SET #next = :next, GSI1SK = :sk, #err = :err", OpenDelivery,
            new()
            {
                [":next"] = N(nextAttemptAt.ToUnixTimeTicks()),
                [":sk"] = S(DynamoDbKeys.DeliverySortKey(nextAttemptAt.ToUnixTimeTicks(), delivery.Incarnation, delivery.Href, idempotencyKey)),
                [":err"] = S(error),
            },
            new(NextNames) { ["#err"] = "err" }), cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreOutcome> FinishDeliveryAsync(string userName, string idempotencyKey, string? failure, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var now = NowTicks;
        return await UpdateOpenDeliveryAsync(userName, idempotencyKey, (delivery, transaction) => failure is null
            ? transaction.Delete(delivery.Key, OpenDelivery, names: NextNames)
            // Given up: out of the open index, into the account's failed list, kept with its object.
            : transaction.Update(delivery.Key, "SET GSI1PK = :failed, GSI1SK = :sk, #at = :now, #err = :err REMOVE #next", OpenDelivery,
                new()
                {
                    [":failed"] = S(DynamoDbKeys.FailedDeliveriesOf(userName)),
                    [":sk"] = S(DynamoDbKeys.FailedDeliverySortKey(now, idempotencyKey)),
                    [":now"] = N(now),
                    [":err"] = S(failure),
                },
                new(NextNames) { ["#at"] = "failedAt", ["#err"] = "err" }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Newest first from the account's GSI1 partition (eventually consistent on AWS).</summary>
    public async Task<IReadOnlyList<FailedDelivery>> ListFailedDeliveriesAsync(string userName, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var failed = new List<FailedDelivery>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           IndexName = DynamoDbTable.Gsi1,
                           KeyConditionExpression = "GSI1PK = :p",
                           ExpressionAttributeValues = new() { [":p"] = S(DynamoDbKeys.FailedDeliveriesOf(userName)) },
                           ScanIndexForward = false,
                           Limit = limit,
                       }, cancellationToken).ConfigureAwait(false))
        {
            failed.Add(new FailedDelivery(item.String("alarm"), ToInstant(item.Long("due")), (int)item.Long("att"), ToInstant(item.Long("failedAt")),
                item.OptionalString("err") ?? ""));
            if (failed.Count == limit)
            {
                break;
            }
        }

        return failed;
    }

    /// <summary>
    /// Adds the unsent delivery (attempt 1, leased) to a claim transaction, with a check that the object
    /// is still there; false when the collection or object does not exist.
    /// </summary>
    private async Task<bool> AddDeliveryAsync(DynamoDbTransaction transaction, Dictionary<string, AttributeValue> sent, DueReminder reminder, string idempotencyKey,
        Instant leaseUntil, CancellationToken cancellationToken)
    {
        var href = reminder.Resource.Href;
        var collection = await FindCollectionAsync(reminder.Resource.Collection.UserName, reminder.Resource.Collection.Path, cancellationToken).ConfigureAwait(false);
        if (collection is null || await GetItemAsync(collection.Members, DynamoDbKeys.Object(href), cancellationToken, "PK").ConfigureAwait(false) is null)
        {
            return false;
        }

        var delivery = Key(collection.Members, DynamoDbKeys.Delivery(href, idempotencyKey));
        delivery["href"] = S(href);
        delivery["inc"] = S(collection.Incarnation);
        delivery["alarm"] = S(reminder.AlarmKey);
        delivery["due"] = N(reminder.DueAt.ToUnixTimeTicks());
        delivery["key"] = S(idempotencyKey);
        delivery["att"] = N(1);
        delivery["next"] = N(leaseUntil.ToUnixTimeTicks());
        delivery[DynamoDbTable.Gsi1PartitionKey] = S(DynamoDbKeys.OpenDeliveriesIndexPartition);
        delivery[DynamoDbTable.Gsi1SortKey] = S(DynamoDbKeys.DeliverySortKey(leaseUntil.ToUnixTimeTicks(), collection.Incarnation, href, idempotencyKey));
        sent["dpk"] = S(collection.Members);
        sent["dsk"] = S(DynamoDbKeys.Delivery(href, idempotencyKey));
        sent["dinc"] = S(collection.Incarnation);
        sent["dhref"] = S(href);
        // A deleted object (concurrently) fails this check: the claim re-reads and answers NotFound.
        transaction.Check(Key(collection.Members, DynamoDbKeys.Object(href)), "attribute_exists(PK)", null, WriteRole.State);
        transaction.Put(delivery, IsNewCondition, role: WriteRole.NewRecord);
        return true;
    }

    private sealed record DeliveryPointer(Dictionary<string, AttributeValue> Key, string Incarnation, string Href);

    /// <summary>One conditional write on the open delivery the sent-log item points at: Ok, or NotFound when it is finished or gone.</summary>
    private async Task<StoreOutcome> UpdateOpenDeliveryAsync(string userName, string idempotencyKey, Func<DeliveryPointer, DynamoDbTransaction, DynamoDbTransaction> write,
        CancellationToken cancellationToken)
    {
        var sent = await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.Sent(idempotencyKey), cancellationToken).ConfigureAwait(false);
        if (sent?.OptionalString("dpk") is not { } partition)
        {
            return StoreOutcome.NotFound;
        }

        var transaction = Transaction();
        write(new DeliveryPointer(Key(partition, sent.String("dsk")), sent.String("dinc"), sent.String("dhref")), transaction);
        return await CommitAsync(transaction, cancellationToken).ConfigureAwait(false) is null ? StoreOutcome.Ok : StoreOutcome.NotFound;
    }

    private static ReminderDelivery ReadDelivery(CollectionRef collection, Dictionary<string, AttributeValue> item) => new(
        collection.Object(item.String("href")),
        item.String("alarm"),
        ToInstant(item.Long("due")),
        item.String("key"),
        (int)item.Long("att"),
        ToInstant(item.Long("next")));

    /// <summary>
    /// Adds the move of the object's deliveries (open and failed) to <paramref name="targetHref"/> in
    /// <paramref name="to"/>: each item under its new key (and, when open, its new index key), and its
    /// sent-log item pointed at it, so retries, Defer and Finish find it at the object's new place.
    /// </summary>
    private async Task MoveDeliveriesInAsync(DynamoDbTransaction transaction, CollectionItem from, string sourceHref, CollectionItem to, string targetHref,
        CancellationToken cancellationToken)
    {
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
                           ExpressionAttributeValues = new() { [":pk"] = S(from.Members), [":prefix"] = S(DynamoDbKeys.Deliveries(sourceHref)) },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            var idempotencyKey = item.String("key");
            var moved = new Dictionary<string, AttributeValue>(item)
            {
                [DynamoDbTable.PartitionKey] = S(to.Members),
                [DynamoDbTable.SortKey] = S(DynamoDbKeys.Delivery(targetHref, idempotencyKey)),
                ["href"] = S(targetHref),
                ["inc"] = S(to.Incarnation),
            };
            if (item.ContainsKey("next"))
            {
                moved[DynamoDbTable.Gsi1SortKey] = S(DynamoDbKeys.DeliverySortKey(item.Long("next"), to.Incarnation, targetHref, idempotencyKey));
            }

            transaction.Delete(Key(from.Members, item.String(DynamoDbTable.SortKey)));
            transaction.Put(moved);
            var user = to.UserName;
            transaction.Update(Key(DynamoDbKeys.Account(user), DynamoDbKeys.Sent(idempotencyKey)), "SET dpk = :pk, dsk = :sk, dinc = :inc, dhref = :href", null,
                new()
                {
                    [":pk"] = S(to.Members),
                    [":sk"] = S(DynamoDbKeys.Delivery(targetHref, idempotencyKey)),
                    [":inc"] = S(to.Incarnation),
                    [":href"] = S(targetHref),
                }, null);
        }
    }

    /// <summary>Adds the removal of the object's deliveries (open and failed) to the transaction: they die with their object.</summary>
    private async Task DeleteDeliveriesInAsync(DynamoDbTransaction transaction, CollectionItem collection, string href, CancellationToken cancellationToken)
    {
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
                           ExpressionAttributeValues = new() { [":pk"] = S(collection.Members), [":prefix"] = S(DynamoDbKeys.Deliveries(href)) },
                           ProjectionExpression = "PK, SK",
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            transaction.Delete(Key(collection.Members, item.String(DynamoDbTable.SortKey)));
        }
    }
}
