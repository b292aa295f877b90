using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

public sealed partial class DynamoDbStore
{
    private const string ExistsCondition = "attribute_exists(PK)";
    private const string IsNewCondition = "attribute_not_exists(PK)";

    /// <summary>A live account: its item exists and is not the tombstone a running deletion leaves.</summary>
    private const string LiveAccountCondition = "attribute_exists(PK) AND attribute_not_exists(#deleting)";

    private static readonly Dictionary<string, string> DeletingNames = new() { ["#deleting"] = "deleting" };

    public async Task<StoreOutcome> CreateAccountAsync(string userName, string passwordHash, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(passwordHash);
        ArgumentNullException.ThrowIfNull(settings);
        var existing = await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !IsTombstone(existing))
        {
            return StoreOutcome.AlreadyExists;
        }

        if (existing is not null)
        {
            // A deletion did not finish its sweep. The tombstone still blocks every write into the
            // account, so finishing the sweep here cannot remove anything created since.
            await SweepAccountAsync(userName, cancellationToken).ConfigureAwait(false);
        }

        var item = Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey);
        item["user"] = S(userName);
        item["hash"] = S(passwordHash);
        item["created"] = N(NowTicks);
        item[DynamoDbTable.Gsi1PartitionKey] = S(DynamoDbKeys.AccountsIndexPartition);
        item[DynamoDbTable.Gsi1SortKey] = S(userName);
        SetSettings(item, settings);
        var failure = await CommitAsync(Transaction().Put(item, "attribute_not_exists(PK) OR attribute_exists(#deleting)", role: WriteRole.NewRecord,
            names: DeletingNames), cancellationToken).ConfigureAwait(false);
        return failure is null ? StoreOutcome.Created : StoreOutcome.AlreadyExists;
    }

    public async Task<Account?> GetAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        var item = await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, cancellationToken).ConfigureAwait(false);
        return item is null || IsTombstone(item) ? null : ReadAccount(item);
    }

    public Task<Page<Account>> ListAccountsAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        IndexPageAsync(DynamoDbKeys.AccountsIndexPartition, page, ReadAccount, account => account.UserName, cancellationToken);

    public Task<StoreOutcome> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(passwordHash);
        return UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, "SET #h = :h",
            new() { [":h"] = S(passwordHash) }, new() { ["#h"] = "hash", ["#deleting"] = "deleting" }, cancellationToken, LiveAccountCondition);
    }

    public Task<StoreOutcome> UpdateAccountSettingsAsync(string userName, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.TimeZoneId is { } zone
            ? UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, "SET #tz = :tz, #m = :m",
                new() { [":tz"] = S(zone), [":m"] = Bool(settings.EmailDisplayAlarms) },
                new() { ["#tz"] = "tz", ["#m"] = "mailDisplay", ["#deleting"] = "deleting" }, cancellationToken, LiveAccountCondition)
            : UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, "SET #m = :m REMOVE #tz",
                new() { [":m"] = Bool(settings.EmailDisplayAlarms) },
                new() { ["#tz"] = "tz", ["#m"] = "mailDisplay", ["#deleting"] = "deleting" }, cancellationToken, LiveAccountCondition);
    }

    /// <summary>
    /// Turns the account item into a tombstone (from then on the account does not exist and nothing can
    /// be created in it: every account-scoped write checks for a live account), sweeps what it owned,
    /// then removes the tombstone. A crash during the sweep leaves the tombstone, and the next
    /// CreateAccountAsync of the name finishes the sweep.
    /// </summary>
    public async Task<StoreOutcome> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        var key = Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey);
        var failure = await CommitAsync(Transaction().Update(key, "SET #deleting = :true REMOVE GSI1PK, GSI1SK", LiveAccountCondition,
            new() { [":true"] = Bool(true) }, DeletingNames), cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return StoreOutcome.NotFound;
        }

        await SweepAccountAsync(userName, cancellationToken).ConfigureAwait(false);
        await CommitAsync(Transaction().Delete(key, "attribute_exists(#deleting)", null, names: DeletingNames), cancellationToken).ConfigureAwait(false);
        return StoreOutcome.Ok;
    }

    /// <summary>Removes every item an account owned (not the account item): collections with their members, app passwords, sent log, feed links.</summary>
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
            var sortKey = item.String(DynamoDbTable.SortKey);
            if (sortKey == DynamoDbKeys.AccountSortKey)
            {
                continue;
            }

            if (sortKey.StartsWith(DynamoDbKeys.CollectionPrefix, StringComparison.Ordinal))
            {
                await SweepMembersAsync(item.String("inc"), cancellationToken).ConfigureAwait(false);
                owned.Add(Key(DynamoDbKeys.Incarnation(item.String("inc")), DynamoDbKeys.IncarnationSortKey));
            }
            else if (sortKey.StartsWith(DynamoDbKeys.FeedPointerPrefix, StringComparison.Ordinal))
            {
                owned.Add(Key(DynamoDbKeys.Feed(sortKey[DynamoDbKeys.FeedPointerPrefix.Length..]), DynamoDbKeys.FeedSortKey));
            }

            owned.Add(Key(DynamoDbKeys.Account(userName), sortKey));
        }

        await DeleteItemsAsync(owned, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An UpdateItem on an existing item: Ok, or NotFound when there is none.</summary>
    private async Task<StoreOutcome> UpdateExistingAsync(string partition, string sort, string update, Dictionary<string, AttributeValue> values,
        Dictionary<string, string>? names, CancellationToken cancellationToken, string condition = ExistsCondition)
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
        await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey, cancellationToken, "PK, #deleting", DeletingNames)
            .ConfigureAwait(false) is { } item && !IsTombstone(item);

    private static bool IsTombstone(Dictionary<string, AttributeValue> accountItem) => accountItem.ContainsKey("deleting");

    private static DynamoDbTransaction CheckAccount(DynamoDbTransaction transaction, string userName) =>
        transaction.Check(Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AccountSortKey), LiveAccountCondition, null, WriteRole.AccountExists, DeletingNames);

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
