using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string AccountColumns = "user_name, password_hash, created_at, time_zone, email_display_alarms";

    public Task<StoreOutcome> CreateAccountAsync(string userName, string passwordHash, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(passwordHash);
        ArgumentNullException.ThrowIfNull(settings);
        return WriteAsync(session =>
        {
            var inserted = session.Command(
                    "INSERT INTO accounts (user_name, password_hash, created_at, time_zone, email_display_alarms) " +
                    "VALUES ($user, $hash, $now, $zone, $email) ON CONFLICT (user_name) DO NOTHING")
                .With("$user", userName).With("$hash", passwordHash).With("$now", NowTicks)
                .With("$zone", settings.TimeZoneId).With("$email", settings.EmailDisplayAlarms)
                .ExecuteNonQuery();
            return inserted == 1 ? StoreOutcome.Created : StoreOutcome.AlreadyExists;
        }, cancellationToken);
    }

    public Task<Account?> GetAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(session =>
        {
            using var reader = session.Command($"SELECT {AccountColumns} FROM accounts WHERE user_name = $user")
                .With("$user", userName).ExecuteReader();
            return reader.Read() ? ReadAccount(reader) : null;
        }));
    }

    public Task<Page<Account>> ListAccountsAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(session =>
        {
            using var reader = session.Command(
                    $"SELECT {AccountColumns} FROM accounts WHERE user_name > $after ORDER BY user_name LIMIT $limit")
                .With("$after", page.After ?? "").With("$limit", limit + 1).ExecuteReader();
            return ReadPage(reader, limit, ReadAccount, account => account.UserName);
        }));
    }

    public Task<StoreOutcome> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(passwordHash);
        return WriteAsync(session => OkIfOneRow(session.Command(
                "UPDATE accounts SET password_hash = $hash WHERE user_name = $user")
            .With("$user", userName).With("$hash", passwordHash).ExecuteNonQuery()), cancellationToken);
    }

    public Task<StoreOutcome> UpdateAccountSettingsAsync(string userName, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        ArgumentNullException.ThrowIfNull(settings);
        return WriteAsync(session => OkIfOneRow(session.Command(
                "UPDATE accounts SET time_zone = $zone, email_display_alarms = $email WHERE user_name = $user")
            .With("$user", userName).With("$zone", settings.TimeZoneId).With("$email", settings.EmailDisplayAlarms)
            .ExecuteNonQuery()), cancellationToken);
    }

    public Task<StoreOutcome> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        // Foreign keys cascade to app passwords, feed links, collections and everything in them.
        return WriteAsync(session => OkIfOneRow(session.Command("DELETE FROM accounts WHERE user_name = $user")
            .With("$user", userName).ExecuteNonQuery()), cancellationToken);
    }

    private static bool AccountExists(SqliteSession session, string userName) =>
        session.Command("SELECT 1 FROM accounts WHERE user_name = $user").With("$user", userName).ExecuteScalar() is not null;

    private static StoreOutcome OkIfOneRow(int rows) => rows == 1 ? StoreOutcome.Ok : StoreOutcome.NotFound;

    private static Account ReadAccount(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ToInstant(reader.GetInt64(2)),
        new AccountSettings(reader.GetNullableString(3), reader.GetBoolean(4)));

    /// <summary>Reads up to <paramref name="limit"/> rows; a row beyond that means another page exists.</summary>
    private static Page<T> ReadPage<T>(SqliteDataReader reader, int limit, Func<SqliteDataReader, T> readRow, Func<T, string> key)
    {
        var items = new List<T>();
        var more = false;
        while (reader.Read())
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(readRow(reader));
        }

        return new Page<T>(items, more ? key(items[^1]) : null);
    }
}
