using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

/// <summary>The shapes every table's reads and inserts share: keyed lookups, keyset pages, owned inserts.</summary>
public sealed partial class SqliteStore
{
    /// <summary>
    /// Reads one keyset page. <paramref name="query"/> binds its own filters and must order by the key
    /// and use <c>key &gt; $after ... LIMIT $limit</c>; this binds those two, asking for one row beyond
    /// the limit so that a further row reveals a next page.
    /// </summary>
    private Task<Page<T>> ReadPageAsync<T>(
        PageRequest page, Func<SqliteSession, SqliteCommand> query, Func<SqliteDataReader, T> readRow, Func<T, string> key,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(session =>
        {
            using var reader = query(session).With("$after", page.After ?? "").With("$limit", limit + 1).ExecuteReader();
            return ReadPage(reader, limit, readRow, key);
        }));
    }

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

    /// <summary>
    /// Runs an <c>INSERT ... ON CONFLICT DO NOTHING</c> of a record an account owns: NotFound without
    /// the account, AlreadyExists when the key is taken.
    /// </summary>
    private static StoreOutcome InsertForAccount(SqliteSession session, string userName, Func<SqliteSession, SqliteCommand> insert) =>
        AccountExists(session, userName) ? CreatedIfOneRow(insert(session).ExecuteNonQuery()) : StoreOutcome.NotFound;

    private static StoreOutcome CreatedIfOneRow(int rows) => rows == 1 ? StoreOutcome.Created : StoreOutcome.AlreadyExists;

    private static StoreOutcome OkIfOneRow(int rows) => rows == 1 ? StoreOutcome.Ok : StoreOutcome.NotFound;
}
