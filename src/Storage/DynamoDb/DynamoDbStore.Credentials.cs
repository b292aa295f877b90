using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>App passwords (items in the account partition) and feed links (own partition, listed through GSI1).</summary>
public sealed partial class DynamoDbStore
{
    public async Task<StoreOutcome> AddAppPasswordAsync(string userName, string id, string label, string hash, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentException.ThrowIfNullOrEmpty(hash);
        var item = Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AppPassword(id));
        item["id"] = S(id);
        item["user"] = S(userName);
        item["label"] = S(label);
        item["hash"] = S(hash);
        item["created"] = N(NowTicks);
        return NewRecordOutcome(await CommitAsync(CheckAccount(Transaction(), userName).Put(item, IsNewCondition, role: WriteRole.NewRecord), cancellationToken)
            .ConfigureAwait(false));
    }

    public async Task<AppPassword?> GetAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            return null;
        }

        var item = await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AppPassword(id), cancellationToken).ConfigureAwait(false);
        return item is null ? null : ReadAppPassword(item);
    }

    public Task<Page<AppPassword>> ListAppPasswordsAsync(string userName, PageRequest page, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        return PrefixPageAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AppPasswordPrefix, page, ReadAppPassword, p => p.Id, cancellationToken);
    }

    public Task<StoreOutcome> RecordAppPasswordUseAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(id);
        return id.Length == 0
            ? Task.FromResult(StoreOutcome.NotFound)
            : UpdateExistingAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.AppPassword(id), "SET #used = :now", new() { [":now"] = N(NowTicks) }, new() { ["#used"] = "used" },
                cancellationToken);
    }

    public async Task<StoreOutcome> RevokeAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            return StoreOutcome.NotFound;
        }

        var failure = await CommitAsync(Transaction().Delete(Key(DynamoDbKeys.Account(userName), DynamoDbKeys.AppPassword(id)), ExistsCondition),
            cancellationToken).ConfigureAwait(false);
        return failure is null ? StoreOutcome.Ok : StoreOutcome.NotFound;
    }

    public async Task<StoreOutcome> CreateFeedLinkAsync(string tokenId, string userName, string? collectionPath, FeedScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ResourceNames.CheckUserName(userName);
        if (collectionPath is not null && !ResourceNames.IsValidCollectionPath(collectionPath))
        {
            throw new ArgumentException($"Invalid collection path '{collectionPath}'.", nameof(collectionPath));
        }

        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown feed scope.");
        }

        var item = Key(DynamoDbKeys.Feed(tokenId), DynamoDbKeys.FeedSortKey);
        item["token"] = S(tokenId);
        item["user"] = S(userName);
        item["scope"] = N((int)scope);
        item["created"] = N(NowTicks);
        item[DynamoDbTable.Gsi1PartitionKey] = S(DynamoDbKeys.FeedsOf(userName));
        item[DynamoDbTable.Gsi1SortKey] = S(tokenId);
        if (collectionPath is not null)
        {
            item["path"] = S(collectionPath);
        }

        var pointer = Key(DynamoDbKeys.Account(userName), DynamoDbKeys.FeedPointer(tokenId));
        return NewRecordOutcome(await CommitAsync(CheckAccount(Transaction(), userName).Put(item, IsNewCondition, role: WriteRole.NewRecord).Put(pointer),
            cancellationToken).ConfigureAwait(false));
    }

    public async Task<FeedLink?> GetFeedLinkAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        if (tokenId.Length == 0)
        {
            return null;
        }

        var item = await GetItemAsync(DynamoDbKeys.Feed(tokenId), DynamoDbKeys.FeedSortKey, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ReadFeedLink(item);
    }

    public Task<Page<FeedLink>> ListFeedLinksAsync(string userName, PageRequest page, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        return IndexPageAsync(DynamoDbKeys.FeedsOf(userName), page, ReadFeedLink, link => link.TokenId, cancellationToken);
    }

    public Task<StoreOutcome> RevokeFeedLinkAsync(string userName, string tokenId, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(tokenId);
        // if_not_exists keeps the first revocation time when revoked twice.
        return tokenId.Length == 0
            ? Task.FromResult(StoreOutcome.NotFound)
            : UpdateExistingAsync(DynamoDbKeys.Feed(tokenId), DynamoDbKeys.FeedSortKey, "SET #r = if_not_exists(#r, :now)",
                new() { [":now"] = N(NowTicks), [":user"] = S(userName) }, new() { ["#u"] = "user", ["#r"] = "revoked" }, cancellationToken,
                "attribute_exists(PK) AND #u = :user");
    }

    /// <summary>Created; NotFound when the account check failed; AlreadyExists when the key was taken.</summary>
    internal static StoreOutcome NewRecordOutcome(TransactionFailure? failure) => failure switch
    {
        null => StoreOutcome.Created,
        _ when failure.Failed(WriteRole.AccountExists) => StoreOutcome.NotFound,
        _ => StoreOutcome.AlreadyExists,
    };

    private static AppPassword ReadAppPassword(Dictionary<string, AttributeValue> item) => new(
        item.String("id"), item.String("user"), item.String("label"), item.String("hash"),
        ToInstant(item.Long("created")), item.OptionalLong("used") is { } used ? ToInstant(used) : null);

    private static FeedLink ReadFeedLink(Dictionary<string, AttributeValue> item) => new(
        item.String("token"), item.String("user"), item.OptionalString("path"), (FeedScope)item.Long("scope"),
        ToInstant(item.Long("created")), item.OptionalLong("revoked") is { } revoked ? ToInstant(revoked) : null);
}
