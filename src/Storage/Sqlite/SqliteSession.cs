using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// One open connection with its prepared commands. Microsoft.Data.Sqlite keeps a command's compiled
/// statements while its text is unchanged, so caching commands per connection means each SQL text
/// is compiled once per connection instead of once per call. Used by one operation at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    // Compiled statements for RawObjectRows by SQL text, while not rented (a nested read of the same text compiles its own).
    private readonly Dictionary<string, SQLitePCL.sqlite3_stmt> _rawStatements = new(StringComparer.Ordinal);

    private readonly Action<string>? _prepared;

    /// <param name="prepared">Told each SQL text when first compiled (tests check every statement's query plan).</param>
    public SqliteSession(SqliteConnection connection, Action<string>? prepared = null)
    {
        Connection = connection;
        _prepared = prepared;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The transaction the session's commands run in, if any.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The cached command for this SQL, parameters cleared, bound to the current transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = Transaction;
            command.Prepare();
            _commands.Add(sql, command);
            _prepared?.Invoke(sql);
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>
    /// A compiled statement for this SQL (RawObjectRows), from the session's cache or compiled now; give
    /// it back with <see cref="ReturnRawStatement"/> once reset, or dispose it.
    /// </summary>
    /// <exception cref="SqliteException">The statement does not compile.</exception>
    public SQLitePCL.sqlite3_stmt RentRawStatement(string sql)
    {
        if (_rawStatements.Remove(sql, out var statement))
        {
            return statement;
        }

        var rc = SQLitePCL.raw.sqlite3_prepare_v2(Connection.Handle, sql, out statement);
        if (rc != SQLitePCL.raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, Connection.Handle);
        }

        return statement;
    }

    /// <summary>Keeps a reset statement for the next read of the same SQL; disposes it if one is kept already.</summary>
    public void ReturnRawStatement(string sql, SQLitePCL.sqlite3_stmt statement)
    {
        if (!_rawStatements.TryAdd(sql, statement))
        {
            statement.Dispose();
        }
    }

    /// <summary>
    /// BEGIN IMMEDIATE through a cached command: SqliteConnection.BeginTransaction compiles its BEGIN and
    /// COMMIT text on every call, two statement compilations per write. Commands then run with no
    /// <see cref="Transaction"/> object, which Microsoft.Data.Sqlite allows while it knows of none.
    /// </summary>
    public void BeginImmediate() => Command("BEGIN IMMEDIATE").ExecuteNonQuery();

    public void Commit() => Command("COMMIT").ExecuteNonQuery();

    /// <summary>Opens the savepoint one write of a group commit runs in (SqliteWriteQueue); never nested.</summary>
    public void Savepoint() => Command("SAVEPOINT queued_write").ExecuteNonQuery();

    /// <summary>Undoes the current write's changes; the savepoint stays open until released.</summary>
    public void RollbackToSavepoint() => Command("ROLLBACK TO queued_write").ExecuteNonQuery();

    public void ReleaseSavepoint() => Command("RELEASE queued_write").ExecuteNonQuery();

    /// <summary>Rolls back if a transaction is still open (a failed statement or COMMIT may have ended it already).</summary>
    public void RollbackIfOpen()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0)
        {
            Command("ROLLBACK").ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _rawStatements.Values)
        {
            statement.Dispose();
        }

        _rawStatements.Clear();
        Connection.Dispose();
    }
}

internal static class SqliteCommandExtensions
{
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
