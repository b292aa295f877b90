using System.Buffers;
using System.Text;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// A full-scope feed shows an object's VEVENTs unchanged, so when the stored bytes are already in the
/// form the serialiser writes (RFC 5545 section 3.1: CRLF line ends; and upper-case names, no blank
/// lines), the VEVENTs and the VTIMEZONEs they reference are cut from the stored bytes instead of being
/// parsed into a tree and written again. Lines longer than 75 octets (clients that do not fold) are
/// folded on the way out, as the serialiser folds them. Any other object returns null
/// and takes the parse-and-serialise path. The reduced scopes never come here: they rewrite every event.
/// </summary>
internal static class StoredEventSlicer
{
    private const int MaxLineOctets = 75;

    // The events are gathered here and copied out once: a new buffer per object was a second allocation of its size.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    private const int MaxKeptScratchBytes = 256 * 1024;

    public static FeedObjectOutput? TrySlice(ReadOnlySpan<byte> data)
    {
        var lineStarts = ArrayPool<int>.Shared.Rent(Math.Max(16, data.Length / 16));
        try
        {
            return LineStarts(data, ref lineStarts, out var longLines) is { } lines ? Slice(data, lineStarts.AsSpan(0, lines), longLines) : null;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lineStarts);
        }
    }

    /// <summary>The number of physical lines, each ending in CRLF; null if any does not. <paramref name="longLines"/>: some exceed 75 octets.</summary>
    private static int? LineStarts(ReadOnlySpan<byte> data, ref int[] starts, out bool longLines)
    {
        longLines = false;
        var count = 0;
        var position = 0;
        while (position < data.Length)
        {
            var rest = data[position..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end <= 0 || end + 1 >= rest.Length || rest[end] != '\r' || rest[end + 1] != '\n')
            {
                return null; // blank line, bare CR or LF, or no line end at the end
            }
            longLines |= end > MaxLineOctets;
            if (count == starts.Length)
            {
                var larger = ArrayPool<int>.Shared.Rent(starts.Length * 2);
                starts.CopyTo(larger, 0);
                ArrayPool<int>.Shared.Return(starts);
                starts = larger;
            }
            starts[count++] = position;
            position += end + 2;
        }
        return count;
    }

    private static FeedObjectOutput? Slice(ReadOnlySpan<byte> data, ReadOnlySpan<int> lineStarts, bool longLines)
    {
        var events = scratch ??= new ArrayBufferWriter<byte>(4096);
        events.ResetWrittenCount();
        var eventCount = 0;
        var single = true;
        List<string>? usedZones = null; // most objects reference no TZID (UTC times): no lists for them
        List<(string Tzid, byte[] Definition)>? ownZones = null;
        var reader = new IcalReader(data, IcalReaderOptions.Lenient);
        try
        {
            var componentStart = -1;
            var inEvent = false;
            string? zoneId = null;
            while (reader.Read())
            {
                var line = reader.Line - 1;
                if (line >= lineStarts.Length || !WrittenAsRead(data[lineStarts[line]..], ref reader))
                {
                    return null;
                }
                switch (reader.TokenType)
                {
                    case IcalTokenType.BeginComponent when reader.CurrentDepth == 2:
                        componentStart = lineStarts[line];
                        inEvent = reader.NameSpan.SequenceEqual("VEVENT"u8);
                        zoneId = null;
                        break;
                    case IcalTokenType.EndComponent when reader.CurrentDepth == 1:
                        var component = data[componentStart..NextLogicalLine(data, lineStarts, line)];
                        if (inEvent)
                        {
                            Copy(component, longLines, events);
                            eventCount++;
                        }
                        else if (reader.NameSpan.SequenceEqual("VTIMEZONE"u8) && zoneId is not null)
                        {
                            (ownZones ??= []).Add((zoneId, longLines ? Folded(component) : component.ToArray()));
                        }
                        inEvent = false;
                        break;
                    case IcalTokenType.Property when reader.CurrentDepth == 2 && inEvent:
                        single &= !StoredRangeShortcut.IsRecurrenceProperty(reader.NameSpan);
                        if (!AddZoneReference(ref reader, ref usedZones))
                        {
                            return null;
                        }
                        break;
                    case IcalTokenType.Property when reader.CurrentDepth == 2 && reader.NameSpan.SequenceEqual("TZID"u8):
                        zoneId ??= Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                }
            }
        }
        catch (IcalFormatException)
        {
            return null; // the parse path records it as unreadable
        }
        finally
        {
            reader.Dispose();
            if (events.Capacity > MaxKeptScratchBytes)
            {
                scratch = null; // one huge object must not pin its size on the thread (this call still holds it)
            }
        }
        // As the parse path: each TZID once, in order of first use, with the object's own definition when it has one.
        IReadOnlyList<(string Tzid, byte[]? OwnDefinition)> timeZones = usedZones is null
            ? []
            : usedZones.ConvertAll<(string Tzid, byte[]? OwnDefinition)>(tzid => (tzid, ownZones?.Find(z => z.Tzid == tzid).Definition));
        return FeedObjectOutput.Create(eventCount > 0 && single, events.WrittenSpan.ToArray(), eventCount, timeZones, cut: true);
    }

    private static void Copy(ReadOnlySpan<byte> lines, bool longLines, IBufferWriter<byte> output)
    {
        if (longLines)
        {
            CopyFolded(lines, output);
        }
        else
        {
            output.Write(lines);
        }
    }

    private static byte[] Folded(ReadOnlySpan<byte> lines)
    {
        var folded = new ArrayBufferWriter<byte>(lines.Length + (lines.Length / 16));
        CopyFolded(lines, folded);
        return folded.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Copies CRLF-terminated lines, folding those over 75 octets as the serialiser does
    /// (<see cref="IcalWriter.WriteFoldedLine"/>). Unfolding gives back the stored line exactly, so a long
    /// continuation line can be folded again.
    /// </summary>
    private static void CopyFolded(ReadOnlySpan<byte> lines, IBufferWriter<byte> output)
    {
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf("\r\n"u8); // every line ends in CRLF (LineStarts)
            IcalWriter.WriteFoldedLine(lines[..end], output);
            lines = lines[(end + 2)..];
        }
    }

    /// <summary>The content line starts with its name as the tokenizer read it (upper case, not folded inside the name).</summary>
    private static bool WrittenAsRead(ReadOnlySpan<byte> raw, ref IcalReader reader) => reader.TokenType switch
    {
        IcalTokenType.BeginComponent => raw.StartsWith("BEGIN:"u8) && raw[6..].StartsWith(reader.NameSpan),
        IcalTokenType.EndComponent => raw.StartsWith("END:"u8) && raw[4..].StartsWith(reader.NameSpan),
        _ => raw.StartsWith(reader.NameSpan),
    };

    /// <summary>Where the line after the logical line starting at physical line <paramref name="line"/> begins.</summary>
    private static int NextLogicalLine(ReadOnlySpan<byte> data, ReadOnlySpan<int> lineStarts, int line)
    {
        var next = line + 1;
        while (next < lineStarts.Length && data[lineStarts[next]] is (byte)' ' or (byte)'\t')
        {
            next++;
        }
        return next < lineStarts.Length ? lineStarts[next] : data.Length;
    }

    /// <summary>Adds the property's TZID (RFC 5545 section 3.2.19) to the zones in use; false when its value needs decoding.</summary>
    private static bool AddZoneReference(ref IcalReader reader, ref List<string>? usedZones)
    {
        if (!reader.HasParameters)
        {
            return true;
        }
        foreach (var parameter in reader.GetParameters())
        {
            if (!Ascii.EqualsIgnoreCase(parameter.NameSpan, "TZID"u8))
            {
                continue;
            }
            var value = parameter.RawValuesSpan;
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }
            if (value.IsEmpty)
            {
                return true; // the parse path ignores an empty TZID too
            }
            if (value.IndexOfAny("\"^,"u8) >= 0 || value[0] is (byte)' ' or (byte)'\t' || value[^1] is (byte)' ' or (byte)'\t')
            {
                return false; // quoting, RFC 6868 escapes, several values or spaces the parser trims: leave it to the parser
            }
            var tzid = Encoding.UTF8.GetString(value);
            usedZones ??= [];
            if (!usedZones.Contains(tzid))
            {
                usedZones.Add(tzid);
            }
            return true;
        }
        return true;
    }
}
