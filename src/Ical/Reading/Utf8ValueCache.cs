using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// A lossy, direct-mapped cache from short UTF-8 values to strings, so that values repeated all
/// over a calendar (<c>DTSTAMP</c> stamps, <c>SEQUENCE:0</c>, <c>STATUS:CONFIRMED</c>, organizer
/// addresses, <c>ACTION:DISPLAY</c>) become one shared string instead of thousands of copies.
/// </summary>
/// <remarks>
/// Every finished tree survives the parse, so each string avoided is memory the garbage collector
/// never has to copy between generations; that copying, not decoding, dominated parse time. Each
/// slot keeps the last value that hashed to it: a miss costs one hash and a 64-byte copy, never an
/// allocation beyond the string itself. A slot whose value was found again survives one miss, so
/// unique values (UIDs, start times) mostly evict each other. The slot arrays are pooled; <see cref="Dispose"/> returns them.
/// </remarks>
internal sealed class Utf8ValueCache : IDisposable
{
    /// <summary>Longer values are rarely repeated verbatim and are decoded without caching.</summary>
    public const int MaxValueLength = 64;

    private const int MinSlots = 16;

    // A slot's length byte also carries whether its value has been found again since stored.
    private const byte HitFlag = 0x80;
    private const byte LengthMask = 0x7F;
    private const int MaxSlots = 1024;

    private readonly int _mask;
    private byte[]? _keys;
    private byte[]? _lengths;
    private string?[]? _values;

    /// <summary>A cache sized for an input of <paramref name="inputLength"/> bytes.</summary>
    public Utf8ValueCache(int inputLength)
    {
        var slots = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, inputLength / 128)), MinSlots, MaxSlots);
        _mask = slots - 1;
        _keys = ArrayPool<byte>.Shared.Rent(slots * MaxValueLength);
        _lengths = ArrayPool<byte>.Shared.Rent(slots);
        _values = ArrayPool<string?>.Shared.Rent(slots);
        // Pooled arrays may hold another parse's strings: only a non-null value marks a valid slot.
        _values.AsSpan(0, slots).Clear();
        _lengths.AsSpan(0, slots).Clear();
    }

    /// <summary>The string for <paramref name="utf8"/> (invalid UTF-8 becomes U+FFFD), shared when recently seen.</summary>
    public string GetString(ReadOnlySpan<byte> utf8) =>
        TryGetCached(utf8, out var cached, out var slot) ? cached : Add(utf8, slot);

    /// <summary>
    /// Finds a cached string for these bytes. On a miss, <paramref name="slot"/> is where
    /// <see cref="Add"/> may keep them (-1 when they are not cacheable).
    /// </summary>
    public bool TryGetCached(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value, out int slot)
    {
        slot = -1;
        if (utf8.IsEmpty)
        {
            value = string.Empty;
            return true;
        }
        value = null;
        if (utf8.Length > MaxValueLength || _values is null)
        {
            return false;
        }
        slot = Utf8Hash.Compute(utf8, ignoreCase: false) & _mask;
        var cached = _values[slot];
        ref var length = ref _lengths![slot];
        if (cached is not null && (length & LengthMask) == utf8.Length
            && utf8.SequenceEqual(_keys.AsSpan(slot * MaxValueLength, utf8.Length)))
        {
            length |= HitFlag;
            value = cached;
            return true;
        }
        return false;
    }

    /// <summary>Decodes the bytes after a miss of <see cref="TryGetCached"/> and caches them in its slot.</summary>
    public string Add(ReadOnlySpan<byte> utf8, int slot)
    {
        var value = Encoding.UTF8.GetString(utf8);
        if (slot < 0 || _values is null)
        {
            return value;
        }
        ref var length = ref _lengths![slot];
        if ((length & HitFlag) != 0)
        {
            // Second chance: a value that was found again keeps its slot against one newcomer,
            // so that unique values (UIDs, start times) do not evict the ones that repeat.
            length &= LengthMask;
            return value;
        }
        utf8.CopyTo(_keys.AsSpan(slot * MaxValueLength, MaxValueLength));
        length = (byte)utf8.Length;
        _values[slot] = value;
        return value;
    }

    public void Dispose()
    {
        if (_values is null)
        {
            return;
        }
        ArrayPool<string?>.Shared.Return(_values, clearArray: true);
        ArrayPool<byte>.Shared.Return(_keys!);
        ArrayPool<byte>.Shared.Return(_lengths!);
        _values = null;
        _keys = null;
        _lengths = null;
    }
}
