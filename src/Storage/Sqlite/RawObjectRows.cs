using System.Text;
using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;
using SQLitePCL;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// Reads object rows (<see cref="SqliteStore"/>'s summary columns, optionally followed by the data)
/// through SQLite's own API on the session's connection. Why: Microsoft.Data.Sqlite's reader checks the
/// column type and copies through its own buffers on every call, and the JSON page that replaced it made
/// SQLite build and .NET parse a text per row (both were over half of a PROPFIND Depth 1's CPU, perf).
/// Here a text column is read as a span of SQLite's UTF-8 (<see cref="SqliteNative"/>) and decoded
/// once. The statement is compiled once per connection and kept by the session (SQLite's parser and
/// planner were about 3% of a calendar-multiget's CPU when it was compiled per call, perf session 5);
/// Dispose resets it and gives it back.
/// </summary>
internal sealed class RawObjectRows : IDisposable
{
    /// <summary>The columns <see cref="ReadSummary"/> expects, in order, of objects aliased <c>o</c>.</summary>
    public const string SummaryColumns = "o.href, o.uid, o.component, o.content_type, o.etag, o.size, o.modified_at, o.first_at, o.last_at";

    /// <summary>The ordinal of the data column when the query selects it after <see cref="SummaryColumns"/>.</summary>
    public const int DataColumn = 9;

    /// <summary>The ordinal of the instance index column when the query selects it after the data.</summary>
    public const int InstanceIndexColumn = 10;

    private readonly SqliteSession _session;
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle; // _statement's pointer, for the column reads; alive until Dispose
    private readonly IntPtr _mutex; // the connection's, held from the first step to Dispose (SqliteNative says why)
    private bool _holdsMutex;
    private bool _disposed;

    // Nearly every member shares its content type and component: the last string is reused when the bytes match.
    private string? _lastContentType;
    private string? _lastComponent;

    private RawObjectRows(SqliteSession session, string sql, sqlite3_stmt statement)
    {
        _session = session;
        _connection = session.Connection;
        _sql = sql;
        _statement = statement;
        _handle = statement.DangerousGetHandle();
        _mutex = SqliteNative.ConnectionMutex(_connection.Handle!.DangerousGetHandle());
    }

    /// <exception cref="SqliteException">The statement does not compile.</exception>
    public static RawObjectRows Prepare(SqliteSession session, string sql) => new(session, sql, session.RentRawStatement(sql));

    public RawObjectRows Bind(string parameter, string value)
    {
        ThrowOnError(raw.sqlite3_bind_text(_statement, IndexOf(parameter), value), _connection);
        return this;
    }

    public RawObjectRows Bind(string parameter, long value)
    {
        ThrowOnError(raw.sqlite3_bind_int64(_statement, IndexOf(parameter), value), _connection);
        return this;
    }

    public RawObjectRows WithCollection(CollectionRef collection) => Bind("$user", collection.UserName).Bind("$path", collection.Path);

    /// <summary>Moves to the next row; false when there are no more.</summary>
    /// <exception cref="SqliteException">SQLite failed (busy past the timeout, I/O, corruption).</exception>
    public bool Step()
    {
        if (!_holdsMutex)
        {
            // Entered here, inside the caller's using scope, so Dispose always leaves it: on this thread,
            // since a store read runs synchronously. Nothing else uses a rented connection meanwhile.
            SqliteNative.Enter(_mutex);
            _holdsMutex = true;
        }
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        ThrowOnError(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, _connection);
        return false;
    }

    public ObjectSummary ReadSummary() => new(
        Href: Text(0),
        Uid: NullableText(1),
        ComponentType: _lastComponent = NullableText(2, _lastComponent),
        ContentType: _lastContentType = Text(3, _lastContentType),
        ETag: ETag.FromStoredValue(Text(4)),
        Size: SqliteNative.Int64(_handle, 5),
        LastModified: Instant.FromUnixTimeTicks(SqliteNative.Int64(_handle, 6)),
        FirstOccurrence: NullableInstant(7),
        LastOccurrence: NullableInstant(8));

    /// <summary>
    /// The summary and data; the instance index too when the query selects it after the data
    /// (<see cref="InstanceIndexColumn"/>; NULL for rows written before schema version 3).
    /// </summary>
    public StoredObject ReadObject() => new(ReadSummary(), SqliteNative.Blob(_handle, DataColumn).ToArray())
    {
        InstanceIndex = SqliteNative.Count(_handle) > InstanceIndexColumn && !SqliteNative.IsNull(_handle, InstanceIndexColumn)
            ? SqliteNative.Blob(_handle, InstanceIndexColumn).ToArray()
            : null,
    };

    /// <summary>A text column that is never NULL, for queries other than the object columns (the change log).</summary>
    public string ReadText(int column) => Text(column);

    public long ReadInt64(int column) => SqliteNative.Int64(_handle, column);

    private string Text(int column, string? reuse = null)
    {
        var utf8 = SqliteNative.Blob(_handle, column);
        return reuse is not null && utf8.Length == reuse.Length && Matches(utf8, reuse) ? reuse : Encoding.UTF8.GetString(utf8);
    }

    private string? NullableText(int column, string? reuse = null)
    {
        var utf8 = SqliteNative.Blob(_handle, column);
        if (utf8.IsEmpty)
        {
            return SqliteNative.IsNull(_handle, column) ? null : "";
        }
        return reuse is not null && utf8.Length == reuse.Length && Matches(utf8, reuse) ? reuse : Encoding.UTF8.GetString(utf8);
    }

    private Instant? NullableInstant(int column)
    {
        var ticks = SqliteNative.Int64(_handle, column);
        // 0 is both NULL and the epoch: only then is the type worth a second call.
        return ticks == 0 && SqliteNative.IsNull(_handle, column) ? null : Instant.FromUnixTimeTicks(ticks);
    }

    /// <summary>
    /// Whether the bytes are ASCII spelling exactly <paramref name="text"/> (same length checked by the caller).
    /// Any non-ASCII byte is a mismatch, so a Latin-1 string can never pass for UTF-8 bytes.
    /// </summary>
    private static bool Matches(ReadOnlySpan<byte> utf8, string text)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] >= 0x80 || utf8[i] != text[i])
            {
                return false;
            }
        }
        return true;
    }

    private int IndexOf(string parameter)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, parameter);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {parameter}.", nameof(parameter));
    }

    private static void ThrowOnError(int rc, SqliteConnection connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return; // the statement went back to the session once; twice would hand it to two readers
        }
        _disposed = true;
        try
        {
            // Reset (its result repeats the last step's error, already thrown) and unbound: the next read
            // of this SQL starts clean, and no text stays referenced by a binding.
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
            _session.ReturnRawStatement(_sql, _statement);
        }
        finally
        {
            if (_holdsMutex)
            {
                _holdsMutex = false;
                SqliteNative.Leave(_mutex);
            }
        }
    }
}
