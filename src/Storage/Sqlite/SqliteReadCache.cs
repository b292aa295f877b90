using System.Collections.Concurrent;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// Rows of keyed lookups (an account, an app password, a feed link, a collection, an object, the dead
/// properties of a collection or resource), remembered
/// under the <see cref="SqliteChangeStamp"/> read just before they were read. A row is served only while
/// the stamp is still the same, i.e. while nothing at all was committed to the file by anyone: so a
/// password changed or an app password revoked from the CLI (another process) is seen by the very next
/// lookup, exactly as when every lookup read the table. Any commit starts a new, empty generation.
/// Absent rows (null) are remembered too. Memory is bounded: entries, bytes, and no large objects.
/// </summary>
internal sealed class SqliteReadCache
{
    private const int MaxEntries = 10_000;
    private const long MaxBytes = 16L * 1024 * 1024;
    private const int MaxRowBytes = 256 * 1024;

    private Generation _generation = new(-1);

    /// <summary>The row remembered for this key under exactly this stamp.</summary>
    public bool TryGet(long stamp, in ReadKey key, out object? row)
    {
        var generation = Volatile.Read(ref _generation);
        if (generation.Stamp == stamp && generation.Rows.TryGetValue(key, out row))
        {
            return true;
        }

        row = null;
        return false;
    }

    /// <summary>Remembers a row read after <paramref name="stamp"/> was read. <paramref name="bytes"/> is its rough size.</summary>
    public void Add(long stamp, in ReadKey key, object? row, int bytes)
    {
        if (stamp < 0 || bytes > MaxRowBytes)
        {
            return;
        }

        var generation = Volatile.Read(ref _generation);
        if (generation.Stamp != stamp)
        {
            // Stamps only grow: a reader that read an older stamp must not push out a newer generation.
            if (stamp < generation.Stamp)
            {
                return;
            }

            var fresh = new Generation(stamp);
            var seen = Interlocked.CompareExchange(ref _generation, fresh, generation);
            generation = ReferenceEquals(seen, generation) ? fresh : seen;
            if (generation.Stamp != stamp)
            {
                return;
            }
        }

        generation.TryAdd(key, row, bytes);
    }

    /// <summary>Everything remembered under one stamp.</summary>
    private sealed class Generation(long stamp)
    {
        private int _count;
        private long _bytes;

        public long Stamp { get; } = stamp;

        public ConcurrentDictionary<ReadKey, object?> Rows { get; } = new();

        public void TryAdd(in ReadKey key, object? row, int bytes)
        {
            // Checked before adding, so a burst of racing adds may overshoot by a few rows; the bound still holds roughly.
            if (Volatile.Read(ref _count) >= MaxEntries || Interlocked.Read(ref _bytes) + bytes > MaxBytes)
            {
                return;
            }

            if (Rows.TryAdd(key, row))
            {
                Interlocked.Increment(ref _count);
                Interlocked.Add(ref _bytes, bytes);
            }
        }
    }
}

/// <summary>Which lookup, and its arguments.</summary>
internal enum ReadKind : byte
{
    Account,
    AppPassword,
    FeedLink,
    Collection,
    Object,
    DeadProperties,
}

/// <summary>The key of one keyed lookup: its kind and up to three arguments.</summary>
internal readonly record struct ReadKey(ReadKind Kind, string First, string? Second = null, string? Third = null);
