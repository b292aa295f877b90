using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>What an item of a transaction stands for, so a cancellation can be read as a domain result.</summary>
internal enum WriteRole
{
    /// <summary>Writes that only serialise with other writers: a failed condition means "re-read and try again".</summary>
    State,

    /// <summary>The UID claim of a calendar object: a failed condition is a UID conflict (RFC 4791 section 5.3.2.1).</summary>
    UidClaim,

    /// <summary>A check that the account exists: a failed condition is NotFound.</summary>
    AccountExists,

    /// <summary>A create-only record (account, app password, feed link, sent log, collection): a failed condition is AlreadyExists.</summary>
    NewRecord,

    /// <summary>A check that no collection has the name of a resource being written: failed = AlreadyExists.</summary>
    NoCollectionThere,
}

/// <summary>One TransactWriteItems call under construction: at most 100 items, each with its role.</summary>
internal sealed class DynamoDbTransaction(string tableName)
{
    public const int MaxItems = 100;

    private readonly List<TransactWriteItem> _items = [];
    private readonly List<WriteRole> _roles = [];

    public int Count => _items.Count;

    public DynamoDbTransaction Put(Dictionary<string, AttributeValue> item, string? condition = null, Dictionary<string, AttributeValue>? values = null,
        WriteRole role = WriteRole.State, Dictionary<string, string>? names = null) =>
        Add(new TransactWriteItem
        {
            Put = new Put
            {
                TableName = tableName, Item = item, ConditionExpression = condition, ExpressionAttributeValues = values,
                ExpressionAttributeNames = names,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        }, role);

    public DynamoDbTransaction Update(Dictionary<string, AttributeValue> key, string update, string? condition, Dictionary<string, AttributeValue>? values,
        Dictionary<string, string>? names = null, WriteRole role = WriteRole.State) =>
        Add(new TransactWriteItem
        {
            Update = new Update
            {
                TableName = tableName, Key = key, UpdateExpression = update, ConditionExpression = condition,
                ExpressionAttributeValues = values, ExpressionAttributeNames = names,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        }, role);

    public DynamoDbTransaction Delete(Dictionary<string, AttributeValue> key, string? condition = null, Dictionary<string, AttributeValue>? values = null,
        WriteRole role = WriteRole.State, Dictionary<string, string>? names = null) =>
        Add(new TransactWriteItem
        {
            Delete = new Delete
            {
                TableName = tableName, Key = key, ConditionExpression = condition, ExpressionAttributeValues = values,
                ExpressionAttributeNames = names,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        }, role);

    public DynamoDbTransaction Check(Dictionary<string, AttributeValue> key, string condition, Dictionary<string, AttributeValue>? values, WriteRole role,
        Dictionary<string, string>? names = null) =>
        Add(new TransactWriteItem
        {
            ConditionCheck = new ConditionCheck
            {
                TableName = tableName, Key = key, ConditionExpression = condition, ExpressionAttributeValues = values,
                ExpressionAttributeNames = names,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        }, role);

    private DynamoDbTransaction Add(TransactWriteItem item, WriteRole role)
    {
        _items.Add(item);
        _roles.Add(role);
        return this;
    }

    /// <summary>
    /// Commits, retrying conflicts and throttling (<see cref="DynamoDbRetry"/>). A cancellation by failed
    /// conditions comes back as a <see cref="TransactionFailure"/> (null = committed).
    /// </summary>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxItems"/> items.</exception>
    public async Task<TransactionFailure?> CommitAsync(IAmazonDynamoDB client, int maxAttempts, CancellationToken cancellationToken)
    {
        if (_items.Count == 0)
        {
            return null;
        }

        if (_items.Count > MaxItems)
        {
            throw new InvalidOperationException($"This write needs {_items.Count} items; one DynamoDB transaction holds at most {MaxItems}.");
        }

        try
        {
            await DynamoDbRetry.RunAsync(
                () => client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = _items }, cancellationToken),
                maxAttempts, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TransactionCanceledException cancelled) when (!DynamoDbRetry.IsRetryableCancellation(cancelled.CancellationReasons))
        {
            return TransactionFailure.From(cancelled.CancellationReasons ?? [], _roles);
        }
    }
}

/// <summary>
/// Why a transaction was cancelled, by role: each failed condition with the item as it was (DynamoDB
/// returns it with ReturnValuesOnConditionCheckFailure = ALL_OLD).
/// </summary>
internal sealed record TransactionFailure(IReadOnlyList<(WriteRole Role, Dictionary<string, AttributeValue>? Item)> FailedConditions)
{
    public static TransactionFailure From(IReadOnlyList<CancellationReason> reasons, IReadOnlyList<WriteRole> roles)
    {
        if (reasons.Count != roles.Count)
        {
            // DynamoDB returns one reason per item in request order; anything else cannot be attributed.
            return new TransactionFailure([]);
        }

        return new TransactionFailure(reasons
            .Select((reason, index) => (reason, index))
            .Where(r => r.reason.Code == "ConditionalCheckFailed")
            .Select(r => (roles[r.index], r.reason.Item is { Count: > 0 } item ? item : null))
            .ToList());
    }

    public bool Failed(WriteRole role) => FailedConditions.Any(f => f.Role == role);

    public Dictionary<string, AttributeValue>? ItemOf(WriteRole role) => FailedConditions.FirstOrDefault(f => f.Role == role).Item;
}
