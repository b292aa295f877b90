using System.Collections.Concurrent;
using System.Globalization;
using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;
using SQLitePCL;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, shared safely by several processes (the server
/// and the CLI). Writes run in BEGIN IMMEDIATE transactions, so a writer takes the database write
/// lock before reading the state its preconditions depend on; in-process writers queue and share
/// transactions (group commit, <see cref="SqliteWriteQueue"/>), so they wait without spinning on
/// SQLITE_BUSY. Durability: synchronous=NORMAL in WAL mode, so a commit survives a process crash
/// and may only be lost on power failure before the next checkpoint (documented SQLite behaviour); every write is committed before it returns.
/// </summary>
public sealed partial class SqliteStore : IStore, IBatchObjectWriter
{
    private const int MaxPooledSessions = 8;

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly int _busyTimeoutMs;
    private readonly SqliteWriteQueue _writes;
    private readonly ConcurrentBag<SqliteSession> _sessions = [];
    private readonly ConcurrentDictionary<string, bool> _statements = new(StringComparer.Ordinal);
    private readonly SqliteReadCache _readCache = new();
    private SqliteChangeStamp _changeStamp = null!; // opened in OpenAsync, once the schema exists
    private int _disposed;

    private SqliteStore(SqliteStoreOptions options)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This class pools its own sessions so prepared commands survive between calls.
            Pooling = false,
        }.ToString();
        _clock = options.Clock ?? TimeProvider.System;
        Limits = options.Limits ?? StoreLimits.Default;
        _busyTimeoutMs = checked((int)(options.BusyTimeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds);
        _writes = new SqliteWriteQueue(RentSession, ReturnSession);
    }

    public StoreLimits Limits { get; }

    /// <summary>Every SQL statement this store has prepared so far.</summary>
    internal IReadOnlyCollection<string> PreparedStatements => [.. _statements.Keys];

    /// <summary>Whether every pooled connection has query planner stability on (see <see cref="RentSession"/>).</summary>
    internal bool PooledConnectionsKeepTheirPlans() =>
        _sessions.All(session => raw.sqlite3_db_config(session.Connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, -1, out var on) == raw.SQLITE_OK && on == 1);

    /// <summary>Opens (and creates or migrates) the database file.</summary>
    /// <exception cref="NotSupportedException">The file has a newer schema version.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public static Task<SqliteStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var store = new SqliteStore(options);
        var session = store.RentSession();
        try
        {
            SqliteSchema.Migrate(session.Connection);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        store.ReturnSession(session);
        store._changeStamp = new SqliteChangeStamp(store._connectionString, store._busyTimeoutMs);
        return Task.FromResult(store);
    }

    private long NowTicks => Instant.FromDateTimeOffset(_clock.GetUtcNow()).ToUnixTimeTicks();

    private static Instant ToInstant(long ticks) => Instant.FromUnixTimeTicks(ticks);

    private static Instant? ToInstant(long? ticks) => ticks is { } t ? Instant.FromUnixTimeTicks(t) : null;

    private SqliteSession RentSession()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_sessions.TryTake(out var pooled))
        {
            return pooled;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
            pragmas.ExecuteNonQuery();
        }

        // Query planner stability: a prepared statement keeps its plan whatever values are bound. Without it
        // SQLite (3.46+) reads a bound LIMIT $limit while planning, marks the statement as depending on that
        // value, and recompiles it on every execution that binds it again, which undoes the command cache.
        // We never rely on value-dependent plans (no ANALYZE/STAT4, no LIKE on bound patterns).
        ThrowOnError(raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _), connection);
        return new SqliteSession(connection, sql => _statements.TryAdd(sql, true));
    }

    private static void ThrowOnError(int rc, SqliteConnection connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    private void ReturnSession(SqliteSession session)
    {
        session.Transaction = null;
        // A connection still inside a transaction (its rollback failed) must not serve anyone else.
        if (Volatile.Read(ref _disposed) != 0 || _sessions.Count >= MaxPooledSessions
            || raw.sqlite3_get_autocommit(session.Connection.Handle) == 0)
        {
            session.Dispose();
            return;
        }

        _sessions.Add(session);
    }

    /// <summary>Runs a read. With <paramref name="snapshot"/>, all its statements see one consistent state.</summary>
    private T Read<T>(Func<SqliteSession, T> work, bool snapshot = false)
    {
        var session = RentSession();
        try
        {
            if (!snapshot)
            {
                return work(session);
            }

            // Cached BEGIN/COMMIT commands, as for writes (SqliteSession.BeginImmediate says why). BEGIN is
            // deferred: the snapshot is taken by the first read.
            session.Command("BEGIN").ExecuteNonQuery();
            try
            {
                var result = work(session);
                session.Commit();
                return result;
            }
            finally
            {
                session.RollbackIfOpen();
            }
        }
        finally
        {
            ReturnSession(session);
        }
    }

    /// <summary>
    /// Runs a write in a BEGIN IMMEDIATE transaction, shared with the writes queued at the same time
    /// (group commit, <see cref="SqliteWriteQueue"/>). It is kept only when <paramref name="succeeded"/>
    /// says the result is a success, so a failed precondition leaves no trace, not even a change entry;
    /// the result is returned only after the transaction holding the write has committed.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<SqliteSession, T> work, Func<T, bool> succeeded, CancellationToken cancellationToken) =>
        _writes.WriteAsync(work, succeeded, cancellationToken);

    /// <summary>Write transactions committed so far (one per batch of queued writes).</summary>
    internal long CommittedWriteTransactions => _writes.Commits;

    /// <summary>Writes waiting for the running batch to finish.</summary>
    internal int QueuedWrites => _writes.QueuedCount;

    private Task<StoreOutcome> WriteAsync(Func<SqliteSession, StoreOutcome> work, CancellationToken cancellationToken) =>
        WriteAsync(work, outcome => outcome.IsSuccess(), cancellationToken);

    private Task<WriteResult> WriteAsync(Func<SqliteSession, WriteResult> work, CancellationToken cancellationToken) =>
        WriteAsync(work, result => result.IsSuccess, cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            while (_sessions.TryTake(out var session))
            {
                session.Dispose();
            }

            _changeStamp?.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
