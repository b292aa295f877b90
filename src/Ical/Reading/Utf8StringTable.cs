using System.Text;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// Maps UTF-8 bytes to strings without allocating for entries already present, so that the
/// names and parameter values that repeat on every property of a calendar ("DTSTART", "TZID",
/// "Europe/Berlin") are created once. Case-insensitive tables hold ASCII names in upper case.
/// Not thread-safe for adding; a table that is only read (the static known names) may be shared.
/// </summary>
internal sealed class Utf8StringTable
{
    private readonly bool _ignoreCase;
    private readonly int _maxEntries;
    private readonly int _maxKeyLength;
    private int[] _buckets;
    private Entry[] _entries;
    private int _count;

    public Utf8StringTable(bool ignoreCase, int maxEntries = 4096, int maxKeyLength = 64)
    {
        _ignoreCase = ignoreCase;
        _maxEntries = maxEntries;
        _maxKeyLength = maxKeyLength;
        _buckets = new int[64];
        _entries = new Entry[32];
    }

    public int Count => _count;

    /// <summary>The stored string for these bytes, or null.</summary>
    public string? Find(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _entries[i].Next)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && (_ignoreCase ? Ascii.EqualsIgnoreCase(entry.Key, utf8) : utf8.SequenceEqual(entry.Key)))
            {
                return entry.Value;
            }
        }
        return null;
    }

    /// <summary>The stored string, adding it when there is room; a fresh string otherwise.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var found = Find(utf8);
        if (found is not null)
        {
            return found;
        }
        var value = _ignoreCase ? ToUpperString(utf8) : Encoding.UTF8.GetString(utf8);
        if (_count < _maxEntries && utf8.Length <= _maxKeyLength)
        {
            Add(utf8.ToArray(), value);
        }
        return value;
    }

    public void Add(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (Find(bytes) is null)
        {
            Add(bytes, value);
        }
    }

    private void Add(byte[] key, string value)
    {
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
        _entries[_count] = new Entry(hash, key, value, bucket - 1);
        bucket = ++_count;
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

    private int Hash(ReadOnlySpan<byte> utf8)
    {
        // FNV-1a, folding ASCII letters to upper case for case-insensitive tables.
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            var folded = _ignoreCase && b >= 'a' && b <= 'z' ? (byte)(b - 32) : b;
            hash = unchecked((hash ^ folded) * 16777619u);
        }
        return unchecked((int)(hash & 0x7FFFFFFF));
    }

    private static string ToUpperString(ReadOnlySpan<byte> utf8)
    {
        // Names are ASCII (the reader checked); upper-casing bytes keeps the table's promise.
        return string.Create(utf8.Length, utf8.ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                chars[i] = (char)(b >= 'a' && b <= 'z' ? b - 32 : b);
            }
        });
    }

    private struct Entry(int hash, byte[] key, string value, int next)
    {
        public readonly int Hash = hash;
        public readonly byte[] Key = key;
        public readonly string Value = value;
        public int Next = next;
    }
}
