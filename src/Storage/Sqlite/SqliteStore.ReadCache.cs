using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

/// <summary>Keyed lookups served from <see cref="SqliteReadCache"/> while nothing was committed (<see cref="SqliteChangeStamp"/>).</summary>
public sealed partial class SqliteStore
{
    /// <summary>Size charged for a row besides its bytes: the record and its strings, roughly.</summary>
    private const int RowOverheadBytes = 256;

    /// <summary>Runs a keyed lookup and reads the row it finds (null when there is none), behind the read cache.</summary>
    private Task<T?> CachedRowAsync<T>(
        ReadKey key, Func<SqliteSession, SqliteCommand> query, Func<SqliteDataReader, T> readRow, Func<T, int>? size,
        CancellationToken cancellationToken)
        where T : class =>
        CachedReadAsync(key, () => Read(session =>
        {
            using var reader = query(session).ExecuteReader();
            return reader.Read() ? readRow(reader) : null;
        }), size, cancellationToken);

    /// <summary>
    /// Runs <paramref name="read"/> behind the read cache. The stamp is read before the data, so what is
    /// remembered under it is what the file held at some moment after that stamp; while the stamp is unchanged
    /// nothing has been committed since, so it is still current.
    /// </summary>
    private Task<T?> CachedReadAsync<T>(ReadKey key, Func<T?> read, Func<T, int>? size, CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stamp = _changeStamp.Read();
        if (_readCache.TryGet(stamp, key, out var cached))
        {
            return Task.FromResult((T?)cached);
        }

        var value = read();
        _readCache.Add(stamp, key, value, RowOverheadBytes + (value is not null && size is not null ? size(value) : 0));
        return Task.FromResult(value);
    }
}
