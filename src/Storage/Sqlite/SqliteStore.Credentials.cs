using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

/// <summary>App passwords and feed links: small per-account records.</summary>
public sealed partial class SqliteStore
{
    private const string AppPasswordColumns = "id, user_name, label, hash, created_at, last_used_at";
    private const string FeedLinkColumns = "token_id, user_name, collection_path, scope, created_at, revoked_at";

    public Task<StoreOutcome> AddAppPasswordAsync(string userName, string id, string label, string hash, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return WriteAsync(session => InsertForAccount(session, userName, s => s.Command(
                "INSERT INTO app_passwords (user_name, id, label, hash, created_at, last_used_at) " +
                "VALUES ($user, $id, $label, $hash, $now, NULL) ON CONFLICT DO NOTHING")
            .With("$user", userName).With("$id", id).With("$label", label).With("$hash", hash).With("$now", NowTicks)),
            cancellationToken);
    }

    public Task<AppPassword?> GetAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(id);
        return CachedRowAsync(new ReadKey(ReadKind.AppPassword, userName, id), session => session.Command($"SELECT {AppPasswordColumns} FROM app_passwords WHERE user_name = $user AND id = $id")
            .With("$user", userName).With("$id", id), ReadAppPassword, null, cancellationToken);
    }

    public Task<Page<AppPassword>> ListAppPasswordsAsync(string userName, PageRequest page, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        return ReadPageAsync(page, session => session.Command(
                $"SELECT {AppPasswordColumns} FROM app_passwords WHERE user_name = $user AND id > $after ORDER BY id LIMIT $limit")
            .With("$user", userName), ReadAppPassword, password => password.Id, cancellationToken);
    }

    public Task<StoreOutcome> RecordAppPasswordUseAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync(session => OkIfOneRow(session.Command(
                "UPDATE app_passwords SET last_used_at = $now WHERE user_name = $user AND id = $id")
            .With("$user", userName).With("$id", id).With("$now", NowTicks).ExecuteNonQuery()), cancellationToken);
    }

    public Task<StoreOutcome> RevokeAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync(session => OkIfOneRow(session.Command(
                "DELETE FROM app_passwords WHERE user_name = $user AND id = $id")
            .With("$user", userName).With("$id", id).ExecuteNonQuery()), cancellationToken);
    }

    public Task<StoreOutcome> CreateFeedLinkAsync(string tokenId, string userName, string? collectionPath, FeedScope scope, CancellationToken cancellationToken = default)
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

        return WriteAsync(session => InsertForAccount(session, userName, s => s.Command(
                "INSERT INTO feed_links (token_id, user_name, collection_path, scope, created_at, revoked_at) " +
                "VALUES ($token, $user, $path, $scope, $now, NULL) ON CONFLICT DO NOTHING")
            .With("$token", tokenId).With("$user", userName).With("$path", collectionPath)
            .With("$scope", (int)scope).With("$now", NowTicks)), cancellationToken);
    }

    public Task<FeedLink?> GetFeedLinkAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        return CachedRowAsync(new ReadKey(ReadKind.FeedLink, tokenId), session => session.Command($"SELECT {FeedLinkColumns} FROM feed_links WHERE token_id = $token")
            .With("$token", tokenId), ReadFeedLink, null, cancellationToken);
    }

    public Task<Page<FeedLink>> ListFeedLinksAsync(string userName, PageRequest page, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        return ReadPageAsync(page, session => session.Command(
                $"SELECT {FeedLinkColumns} FROM feed_links WHERE user_name = $user AND token_id > $after ORDER BY token_id LIMIT $limit")
            .With("$user", userName), ReadFeedLink, link => link.TokenId, cancellationToken);
    }

    public Task<StoreOutcome> RevokeFeedLinkAsync(string userName, string tokenId, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(tokenId);
        // COALESCE keeps the first revocation time when revoked twice.
        return WriteAsync(session => OkIfOneRow(session.Command(
                "UPDATE feed_links SET revoked_at = COALESCE(revoked_at, $now) WHERE user_name = $user AND token_id = $token")
            .With("$user", userName).With("$token", tokenId).With("$now", NowTicks).ExecuteNonQuery()), cancellationToken);
    }

    private static AppPassword ReadAppPassword(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        ToInstant(reader.GetInt64(4)), ToInstant(reader.GetNullableInt64(5)));

    private static FeedLink ReadFeedLink(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), (FeedScope)reader.GetInt32(3),
        ToInstant(reader.GetInt64(4)), ToInstant(reader.GetNullableInt64(5)));
}
