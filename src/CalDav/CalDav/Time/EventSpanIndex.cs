using System.Buffers.Binary;
using System.Text;
using AuroraTime.Ical.TimeRange;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Time;

/// <summary>
/// The compact form of an object's VEVENT instances (<see cref="TimeRangeFilter.EventSpans"/>), computed
/// on write and stored with the object, so that a calendar-query for a plain VEVENT time-range (the
/// query every client's calendar view sends) is decided exactly without parsing or expanding the object.
/// <para>Layout: a format byte; the FNV-1a hash of the time zone database version the instants were
/// resolved with (a NodaTime upgrade can move TZID instants; a different hash makes the index unusable);
/// the instance count; then per instance the start as a zig-zag delta from the previous start and
/// (length &lt;&lt; 2 | end kind), all in whole seconds as unsigned LEB128. A weekly series of 20
/// one-hour instances takes about 110 bytes.</para>
/// <para>Bump <see cref="Format"/> whenever the engine's expansion or the RFC 4791 section 9.9 reading
/// changes: stored indexes of the old format are then ignored and the exact test runs.</para>
/// </summary>
internal static class EventSpanIndex
{
    private const byte Format = 1;

    private static readonly uint TzdbStamp = Fnv1a(Encoding.UTF8.GetBytes(DateTimeZoneProviders.Tzdb.VersionId));

    /// <summary>The stored form, or null when an instant is not whole seconds or an instance ends before it starts.</summary>
    public static byte[]? Encode(IReadOnlyList<EventSpan> spans)
    {
        var buffer = new List<byte>(8 + spans.Count * 6) { Format };
        Span<byte> stamp = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(stamp, TzdbStamp);
        buffer.AddRange(stamp);
        WriteUnsigned(buffer, (ulong)spans.Count);
        long previous = 0;
        foreach (var span in spans)
        {
            if (!TryWholeSeconds(span.Start, out var start) || !TryWholeSeconds(span.End, out var end) || end < start)
            {
                return null;
            }
            WriteUnsigned(buffer, ZigZag(start - previous));
            WriteUnsigned(buffer, ((ulong)(end - start) << 2) | (uint)span.EndKind);
            previous = start;
        }
        return [.. buffer];
    }

    /// <summary>
    /// Whether any stored instance overlaps [start, end) by the RFC 4791 section 9.9 VEVENT table; null when
    /// the index cannot answer (another format or time zone database, or damaged bytes): then the exact test runs.
    /// </summary>
    public static bool? Overlaps(ReadOnlySpan<byte> index, Instant? start, Instant? end)
    {
        if (index.Length < 5 || index[0] != Format || BinaryPrimitives.ReadUInt32LittleEndian(index[1..]) != TzdbStamp)
        {
            return null;
        }
        var position = 5;
        if (!TryReadUnsigned(index, ref position, out var count))
        {
            return null;
        }
        var range = new TimeRangeWindow(start, end);
        var overlaps = false;
        long previous = 0;
        try
        {
            for (ulong i = 0; i < count; i++)
            {
                if (!TryReadUnsigned(index, ref position, out var zigzag) || !TryReadUnsigned(index, ref position, out var lengthAndKind)
                    || (lengthAndKind & 3) > (ulong)EventEndKind.None)
                {
                    return null;
                }
                previous = checked(previous + UnZigZag(zigzag));
                var spanStart = Instant.FromUnixTimeSeconds(previous);
                var span = new EventSpan(spanStart, (EventEndKind)(lengthAndKind & 3), spanStart + Duration.FromSeconds(checked((long)(lengthAndKind >> 2))));
                overlaps |= span.Overlaps(range);
            }
        }
        catch (Exception error) when (error is OverflowException or ArgumentOutOfRangeException)
        {
            return null; // damaged bytes naming an instant NodaTime cannot hold
        }
        // Every byte read: anything left over means the bytes are not what this format wrote.
        return position == index.Length ? overlaps : null;
    }

    private static ulong ZigZag(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));

    private static long UnZigZag(ulong value) => unchecked((long)(value >> 1) ^ -(long)(value & 1));

    private static bool TryWholeSeconds(Instant instant, out long seconds)
    {
        seconds = instant.ToUnixTimeSeconds();
        return Instant.FromUnixTimeSeconds(seconds) == instant;
    }

    private static void WriteUnsigned(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add(unchecked((byte)(value | 0x80)));
            value >>= 7;
        }
        buffer.Add((byte)value);
    }

    private static bool TryReadUnsigned(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < bytes.Length; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        return hash;
    }
}
