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
            return CreatedIfOneRow(inserted);
        }, cancellationToken);
    }

    public Task<Account?> GetAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        return CachedRowAsync(new ReadKey(ReadKind.Account, userName), session => session.Command($"SELECT {AccountColumns} FROM accounts WHERE user_name = $user")
            .With("$user", userName), ReadAccount, null, cancellationToken);
    }

    public Task<Page<Account>> ListAccountsAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        return ReadPageAsync(page,
            session => session.Command($"SELECT {AccountColumns} FROM accounts WHERE user_name > $after ORDER BY user_name LIMIT $limit"),
            ReadAccount, account => account.UserName, cancellationToken);
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

    private static Account ReadAccount(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ToInstant(reader.GetInt64(2)),
        new AccountSettings(reader.GetNullableString(3), reader.GetBoolean(4)));
}
