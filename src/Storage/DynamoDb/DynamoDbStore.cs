using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// The store on one DynamoDB table (DynamoDbMapping.md). Every write of a member is one
/// TransactWriteItems: the item with the condition that the state read before is still current (its
/// ETag, which also carries the client's If-Match / If-None-Match), the UID claim, the change-log entry
/// and the collection's sequence bump (conditional on the sequence read). When another writer got in
/// between, the whole operation re-reads and tries again, so preconditions are always judged against
/// the state the write replaced. Reads of single items and of the member partitions are strongly
/// consistent; listings through the global index (accounts, feed links, due reminders) are eventually
/// consistent on AWS.
/// </summary>
public sealed partial class DynamoDbStore : IStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _clock;
    private readonly IObjectSpillStore? _spill;
    private readonly int _maxAttempts;
    private readonly bool _ownsClients;

    public DynamoDbStore(DynamoDbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Client);
        ArgumentException.ThrowIfNullOrEmpty(options.TableName);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _client = options.Client;
        _table = options.TableName;
        _clock = options.Clock ?? TimeProvider.System;
        _spill = options.Spill;
        _maxAttempts = options.MaxAttempts;
        _ownsClients = options.OwnsClients;
        Limits = options.Limits ?? StoreLimits.Default;
    }

    public StoreLimits Limits { get; }

    private long NowTicks => Instant.FromDateTimeOffset(_clock.GetUtcNow()).ToUnixTimeTicks();

    private static Instant ToInstant(long ticks) => Instant.FromUnixTimeTicks(ticks);

    private DynamoDbTransaction Transaction() => new(_table);

    private Task<TransactionFailure?> CommitAsync(DynamoDbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.CommitAsync(_client, _maxAttempts, cancellationToken);

    /// <summary>A strongly consistent read of one item, or null.</summary>
    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string partition, string sort, CancellationToken cancellationToken, string? projection = null,
        Dictionary<string, string>? names = null)
    {
        var response = await DynamoDbRetry.RunAsync(() => _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(partition, sort),
            ConsistentRead = true,
            ProjectionExpression = projection,
            ExpressionAttributeNames = names,
        }, cancellationToken), _maxAttempts, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Every item a query yields, following LastEvaluatedKey.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        request.TableName = _table;
        while (true)
        {
            var response = await DynamoDbRetry.RunAsync(() => _client.QueryAsync(request, cancellationToken), _maxAttempts, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }

            if (response.LastEvaluatedKey is not { Count: > 0 } last)
            {
                yield break;
            }

            request.ExclusiveStartKey = last;
        }
    }

    /// <summary>
    /// A page of a partition's items whose sort keys start with <paramref name="prefix"/>, in key order,
    /// after the member named <paramref name="after"/>. Asks for one item beyond the limit to know whether
    /// another page exists; the continuation is the last item's name.
    /// </summary>
    private async Task<Page<T>> PrefixPageAsync<T>(
        string partition, string prefix, PageRequest page, Func<Dictionary<string, AttributeValue>, T> read, Func<T, string> nameOf,
        CancellationToken cancellationToken, string? filter = null, Dictionary<string, AttributeValue>? filterValues = null,
        string? projection = null, string? rangeStart = null, string? rangeEnd = null, Dictionary<string, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        var start = page.After is null ? rangeStart ?? prefix : prefix + page.After;
        var end = rangeEnd ?? DynamoDbKeys.PrefixEnd(prefix);
        if (Utf8Order.Instance.Compare(start, end) >= 0)
        {
            // A continuation beyond the range (BETWEEN would refuse lo > hi): the listing is done.
            return new Page<T>([], null);
        }

        var values = new Dictionary<string, AttributeValue>
        {
            [":pk"] = S(partition),
            [":lo"] = S(start),
            [":hi"] = S(end),
        };
        foreach (var (name, value) in filterValues ?? [])
        {
            values[name] = value;
        }

        var request = new QueryRequest
        {
            KeyConditionExpression = "PK = :pk AND SK BETWEEN :lo AND :hi",
            FilterExpression = filter,
            ExpressionAttributeValues = values,
            ExpressionAttributeNames = names,
            ProjectionExpression = projection,
            ConsistentRead = true,
        };
        var items = new List<T>();
        await foreach (var item in QueryAsync(request, cancellationToken).ConfigureAwait(false))
        {
            // BETWEEN is inclusive: the member the previous page ended with comes back first.
            if (page.After is not null && item.String(DynamoDbTable.SortKey) == start)
            {
                continue;
            }

            if (items.Count == limit)
            {
                return new Page<T>(items, nameOf(items[^1]));
            }

            items.Add(read(item));
        }

        return new Page<T>(items, null);
    }

    /// <summary>
    /// Runs an optimistic write: <paramref name="attempt"/> reads, decides and commits; it answers null
    /// when its transaction lost a race, and then the whole decision is made again from fresh reads.
    /// </summary>
    /// <exception cref="DynamoDbContentionException">Still losing after the configured number of attempts.</exception>
    private async Task<T> OptimisticAsync<T>(Func<Task<T?>> attempt, CancellationToken cancellationToken)
        where T : class
    {
        for (var round = 1; ; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await attempt().ConfigureAwait(false) is { } result)
            {
                return result;
            }

            if (round >= _maxAttempts)
            {
                throw new DynamoDbContentionException($"A write lost {round} races in a row against other writers of the same items.");
            }

            await Task.Delay(DynamoDbRetry.Backoff(round), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StoreOutcome> OptimisticAsync(Func<Task<StoreOutcome?>> attempt, CancellationToken cancellationToken) =>
        (await OptimisticAsync(async () => await attempt().ConfigureAwait(false) is { } outcome ? new Boxed(outcome) : null, cancellationToken)
            .ConfigureAwait(false)).Outcome;

    private sealed record Boxed(StoreOutcome Outcome);

    /// <summary>Deletes items by key in batches of 25 (not atomic: used for sweeping what is already unreachable).</summary>
    private Task DeleteItemsAsync(IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken) =>
        WriteBatchesAsync(keys.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } }), cancellationToken);

    /// <summary>Puts items in batches of 25 (not atomic: used to fill partitions nothing points to yet).</summary>
    private Task PutItemsAsync(IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken) =>
        WriteBatchesAsync(items.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }), cancellationToken);

    private async Task WriteBatchesAsync(IEnumerable<WriteRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var chunk in requests.Chunk(25))
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [_table] = [.. chunk] };
            for (var attempt = 1; pending.Count > 0 && pending.Values.Sum(v => v.Count) > 0; attempt++)
            {
                var response = await DynamoDbRetry.RunAsync(() => _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken),
                    _maxAttempts, cancellationToken).ConfigureAwait(false);
                pending = response.UnprocessedItems ?? [];
                if (pending.Count > 0)
                {
                    await Task.Delay(DynamoDbRetry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_ownsClients)
        {
            _client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A write kept losing optimistic races (a hot collection under heavy concurrent writes); the caller may retry later (HTTP 503).</summary>
public sealed class DynamoDbContentionException(string message) : StoreBusyException(message);
