using System.Text;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// A hash table keyed by UTF-8 bytes that is searched with a span, so a hit allocates nothing.
/// Optionally folds ASCII letters, for case-insensitive names. Bounded: once full, or for keys
/// longer than the limit, <see cref="TryAdd"/> declines. Not thread-safe for adding.
/// </summary>
internal sealed class Utf8Table<T>
    where T : class
{
    private readonly bool _ignoreCase;
    private readonly int _maxEntries;
    private readonly int _maxKeyLength;
    private int[] _buckets = new int[64];
    private Entry[] _entries = new Entry[32];
    private int _count;

    public Utf8Table(bool ignoreCase, int maxEntries, int maxKeyLength)
    {
        _ignoreCase = ignoreCase;
        _maxEntries = maxEntries;
        _maxKeyLength = maxKeyLength;
    }

    /// <summary>True once <see cref="TryAdd"/> declines every new key.</summary>
    public bool IsFull => _count >= _maxEntries;

    public T? Find(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _entries[i].Next)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && (_ignoreCase ? Ascii.EqualsIgnoreCase(entry.Key, key) : key.SequenceEqual(entry.Key)))
            {
                return entry.Value;
            }
        }
        return null;
    }

    /// <summary>Adds the entry when there is room and the key is short enough.</summary>
    public bool TryAdd(ReadOnlySpan<byte> key, T value)
    {
        if (_count >= _maxEntries || key.Length > _maxKeyLength)
        {
            return false;
        }
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
        if (_count * 2 >= _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }
        var hash = Hash(key);
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry(hash, key.ToArray(), value, bucket - 1);
        bucket = ++_count;
        return true;
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        for (var i = 0; i < _count; i++)
        {
            ref var bucket = ref _buckets[_entries[i].Hash & (size - 1)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    private int Hash(ReadOnlySpan<byte> key) => Utf8Hash.Compute(key, _ignoreCase);

    private struct Entry(int hash, byte[] key, T value, int next)
    {
        public readonly int Hash = hash;
        public readonly byte[] Key = key;
        public readonly T Value = value;
        public int Next = next;
    }
}
