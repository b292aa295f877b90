using System.Text;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// Maps UTF-8 bytes to strings without allocating for entries already present, so that the
/// names and parameter values that repeat on every property of a calendar ("DTSTART", "TZID",
/// "Europe/Berlin") are created once. Case-insensitive tables hold ASCII names in upper case.
/// Not thread-safe for adding; a table that is only read (the static known names) may be shared.
/// </summary>
internal sealed class Utf8StringTable(bool ignoreCase, int maxEntries = 4096, int maxKeyLength = 64)
{
    private readonly Utf8Table<string> _table = new(ignoreCase, maxEntries, maxKeyLength);

    /// <summary>True once no new entry is added.</summary>
    public bool IsFull => _table.IsFull;

    /// <summary>The stored string for these bytes, or null.</summary>
    public string? Find(ReadOnlySpan<byte> utf8) => _table.Find(utf8);

    /// <summary>The stored string, adding it when there is room; a fresh string otherwise.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var found = _table.Find(utf8);
        if (found is not null)
        {
            return found;
        }
        var value = ignoreCase ? ToUpperString(utf8) : Encoding.UTF8.GetString(utf8);
        _table.TryAdd(utf8, value);
        return value;
    }

    public void Add(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (_table.Find(bytes) is null)
        {
            _table.TryAdd(bytes, value);
        }
    }

    private static string ToUpperString(ReadOnlySpan<byte> utf8)
    {
        // Names are ASCII (the reader checked); upper-casing bytes keeps the table's promise.
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            chars[i] = (char)(b >= 'a' && b <= 'z' ? b - 32 : b);
        }
        return new string(chars);
    }
}
