using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

public sealed partial class DynamoDbStore
{
    private const string AccountExistsCondition = "attribute_exists(PK)";
    private const string IsNewCondition = "attribute_not_exists(PK)";

    public async Task<StoreOutcome> CreateAccountAsync(string userName, string passwordHash, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(passwordHash);
        ArgumentNullException.ThrowIfNull(settings);
        if (await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return StoreOutcome.AlreadyExists;
        }

        // A deleted account is swept after its item goes; finish an interrupted sweep before the name is reused.
        await SweepAccountAsync(userName, cancellationToken).ConfigureAwait(false);
        var item = Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey);
        item["user"] = S(userName);
        item["hash"] = S(passwordHash);
        item["created"] = N(NowTicks);
        item[DynamoDbTable.Gsi1PartitionKey] = S(DynamoDbKeys.AccountsIndexPartition);
        item[DynamoDbTable.Gsi1SortKey] = S(userName);
        SetSettings(item, settings);
        var failure = await CommitAsync(Transaction().Put(item, IsNewCondition, role: WriteRole.NewRecord), cancellationToken).ConfigureAwait(false);
        return failure is null ? StoreOutcome.Created : StoreOutcome.AlreadyExists;
    }

    public async Task<Account?> GetAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        var item = await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ReadAccount(item);
    }

    public Task<Page<Account>> ListAccountsAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        IndexPageAsync(DynamoDbKeys.AccountsIndexPartition, page, ReadAccount, account => account.UserName, cancellationToken);

    public Task<StoreOutcome> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(passwordHash);
        return UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, "SET #h = :h",
            new() { [":h"] = S(passwordHash) }, new() { ["#h"] = "hash" }, cancellationToken);
    }

    public Task<StoreOutcome> UpdateAccountSettingsAsync(string userName, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.TimeZoneId is { } zone
            ? UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, "SET #tz = :tz, #m = :m",
                new() { [":tz"] = S(zone), [":m"] = Bool(settings.EmailDisplayAlarms) }, new() { ["#tz"] = "tz", ["#m"] = "mailDisplay" }, cancellationToken)
            : UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, "SET #m = :m REMOVE #tz",
                new() { [":m"] = Bool(settings.EmailDisplayAlarms) }, new() { ["#tz"] = "tz", ["#m"] = "mailDisplay" }, cancellationToken);
    }

    /// <summary>
    /// Deletes the account item (from then on it does not exist), then sweeps what it owned. A crash
    /// during the sweep leaves unreachable items, which the next CreateAccountAsync of the name sweeps.
    /// </summary>
    public async Task<StoreOutcome> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        var failure = await CommitAsync(Transaction().Delete(Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey), AccountExistsCondition),
            cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return StoreOutcome.NotFound;
        }

        await SweepAccountAsync(userName, cancellationToken).ConfigureAwait(false);
        return StoreOutcome.Ok;
    }

    /// <summary>Removes every item an account owned: its collections (with their members), app passwords, sent log and feed links.</summary>
    private async Task SweepAccountAsync(string userName, CancellationToken cancellationToken)
    {
        var owned = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk",
                           ExpressionAttributeValues = new() { [":pk"] = S(DynamoDbKeys.Account(userName)) },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            if (item.String(DynamoDbTable.SortKey) == DynamoDbKeys.AccountSortKey)
            {
                continue;
            }

            if (item.String(DynamoDbTable.SortKey).StartsWith(DynamoDbKeys.CollectionPrefix, StringComparison.Ordinal))
            {
                await SweepMembersAsync(item.String("inc"), cancellationToken).ConfigureAwait(false);
            }

            owned.Add(Key(item.String(DynamoDbTable.PartitionKey), item.String(DynamoDbTable.SortKey)));
        }

        await foreach (var feed in QueryAsync(IndexQuery(DynamoDbKeys.FeedsOf(userName), null), cancellationToken).ConfigureAwait(false))
        {
            owned.Add(Key(feed.String(DynamoDbTable.PartitionKey), feed.String(DynamoDbTable.SortKey)));
        }

        await DeleteItemsAsync(owned, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An UpdateItem on an existing item: Ok, or NotFound when there is none.</summary>
    private async Task<StoreOutcome> UpdateExistingAsync(string partition, string sort, string update, Dictionary<string, AttributeValue> values,
        Dictionary<string, string>? names, CancellationToken cancellationToken, string condition = AccountExistsCondition)
    {
        var failure = await CommitAsync(Transaction().Update(Key(partition, sort), update, condition, values, names), cancellationToken).ConfigureAwait(false);
        return failure is null ? StoreOutcome.Ok : StoreOutcome.NotFound;
    }

    private static QueryRequest IndexQuery(string partition, string? after) => new()
    {
        IndexName = DynamoDbTable.Gsi1,
        KeyConditionExpression = after is null ? "GSI1PK = :p" : "GSI1PK = :p AND GSI1SK > :after",
        ExpressionAttributeValues = after is null
            ? new() { [":p"] = S(partition) }
            : new() { [":p"] = S(partition), [":after"] = S(after) },
    };

    /// <summary>A page of one global-index partition in sort-key order (eventually consistent on AWS).</summary>
    private async Task<Page<T>> IndexPageAsync<T>(string partition, PageRequest page, Func<Dictionary<string, AttributeValue>, T> read, Func<T, string> nameOf,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        var request = IndexQuery(partition, page.After);
        request.Limit = limit + 1;
        var items = new List<T>();
        await foreach (var item in QueryAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                return new Page<T>(items, nameOf(items[^1]));
            }

            items.Add(read(item));
        }

        return new Page<T>(items, null);
    }

    private async Task<bool> AccountExistsAsync(string userName, CancellationToken cancellationToken) =>
        await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, cancellationToken, "PK").ConfigureAwait(false) is not null;

    private static DynamoDbTransaction CheckAccount(DynamoDbTransaction transaction, string userName) =>
        transaction.Check(Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey), AccountExistsCondition, null, WriteRole.AccountExists);

    private static void SetSettings(Dictionary<string, AttributeValue> item, AccountSettings settings)
    {
        if (settings.TimeZoneId is { } zone)
        {
            item["tz"] = S(zone);
        }

        item["mailDisplay"] = Bool(settings.EmailDisplayAlarms);
    }

    private static Account ReadAccount(Dictionary<string, AttributeValue> item) => new(
        item.String("user"),
        item.String("hash"),
        ToInstant(item.Long("created")),
        new AccountSettings(item.OptionalString("tz"), item.Boolean("mailDisplay")));
}
