using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// Tells whether anything was committed to the database file since an earlier look, by any connection of
/// any process (the server's own writers, the CLI, another server on the same folder). It reads
/// <c>PRAGMA data_version</c> (https://sqlite.org/pragma.html#pragma_data_version) on a connection of its
/// own that never writes: "the integer values returned by two invocations ... will be different if changes
/// were committed to the database by any other connection in the interim", and every commit is another
/// connection's here. Each read starts a read transaction, so it sees every commit made before it; it
/// touches no table, so it costs far less than the keyed lookups it lets <see cref="SqliteReadCache"/> skip.
/// Values only grow while the connection lives; a failed read returns a negative value never returned
/// before, so nothing is ever trusted on the strength of a failure.
/// </summary>
internal sealed class SqliteChangeStamp : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private long _failures;
    private bool _disposed;

    public SqliteChangeStamp(string connectionString, int busyTimeoutMs)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMs};");
            pragma.ExecuteNonQuery();
        }

        // Prepared once and stepped through the raw API: the value is read on every cached lookup, and
        // Microsoft.Data.Sqlite's command layer (parameters, reader) would cost more than the statement.
        var rc = raw.sqlite3_prepare_v2(_connection.Handle, "PRAGMA data_version", out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _connection.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    /// <summary>The current stamp: equal to an earlier one only if nothing was committed in between.</summary>
    public long Read()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                var rc = raw.sqlite3_step(_statement);
                var value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_statement, 0) : -1;
                raw.sqlite3_reset(_statement);
                if (value >= 0)
                {
                    return value;
                }
            }

            return -++_failures;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _statement.Dispose();
            _connection.Dispose();
        }
    }
}
