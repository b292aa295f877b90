using System.Buffers;
using System.Text;
using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Writing;

/// <summary>
/// Writes content lines (RFC 5545 section 3.1) to an <see cref="IBufferWriter{T}"/>: CRLF line
/// ends only, lines folded at 75 octets without splitting a UTF-8 sequence, parameter values
/// quoted when they hold ':' ';' or ',' and caret-escaped per RFC 6868.
/// </summary>
public sealed class IcalWriter
{
    private const int MaxLineOctets = 75;
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;
    private static ReadOnlySpan<byte> FoldBreak => "\r\n "u8;

    private readonly IBufferWriter<byte> _output;
    private byte[] _line = new byte[256];
    private int _length;

    public IcalWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes <c>BEGIN:name</c>.</summary>
    public void WriteBeginComponent(string name) => WriteComponentLine("BEGIN:"u8, name);

    /// <summary>Writes <c>END:name</c>.</summary>
    public void WriteEndComponent(string name) => WriteComponentLine("END:"u8, name);

    /// <summary>
    /// Writes one property. The raw value is written as it is, except that a raw line break
    /// (which would start a new content line) is written as the TEXT escape <c>\n</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The property or a parameter has an invalid name.</exception>
    public void WriteProperty(CalendarProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        _length = 0;
        AppendName(property.Name);
        foreach (var parameter in property.Parameters)
        {
            Append((byte)';');
            AppendName(parameter.Name);
            Append((byte)'=');
            var values = parameter.Values;
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    Append((byte)',');
                }
                AppendParameterValue(values[i]);
            }
            if (values.IsEmpty)
            {
                // A parameter needs a value; an empty quoted one is the closest to "nothing".
                AppendAscii("\"\"");
            }
        }
        Append((byte)':');
        AppendValue(property.RawValue);
        FlushLine();
    }

    private void WriteComponentLine(ReadOnlySpan<byte> keyword, string name)
    {
        _length = 0;
        Append(keyword);
        AppendName(name);
        FlushLine();
    }

    private void AppendName(string name)
    {
        if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(NameChars))
        {
            throw new ArgumentException($"\"{name}\" is not an iCalendar name (letters, digits and '-')", nameof(name));
        }
        AppendAscii(name);
    }

    // RFC 5545 3.2: param-value = paramtext / quoted-string; RFC 6868 escapes ^ " and newlines.
    private void AppendParameterValue(string value)
    {
        var needsQuotes = value.AsSpan().IndexOfAny(";:,") >= 0;
        var needsEscape = value.AsSpan().IndexOfAny("^\"\r\n") >= 0;
        if (needsQuotes)
        {
            Append((byte)'"');
        }
        if (!needsEscape)
        {
            AppendUtf8(value);
        }
        else
        {
            var escaped = new StringBuilder(value.Length + 4);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '^': escaped.Append("^^"); break;
                    case '"': escaped.Append("^'"); break;
                    case '\r':
                        escaped.Append("^n");
                        if (i + 1 < value.Length && value[i + 1] == '\n')
                        {
                            i++;
                        }
                        break;
                    case '\n': escaped.Append("^n"); break;
                    default: escaped.Append(c); break;
                }
            }
            AppendUtf8(escaped.ToString());
        }
        if (needsQuotes)
        {
            Append((byte)'"');
        }
    }

    private void AppendValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            AppendUtf8(value);
            return;
        }
        AppendUtf8(value.Replace("\r\n", "\\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\\n", StringComparison.Ordinal));
    }

    private void FlushLine() => WriteFoldedLine(_line.AsSpan(0, _length), _output);

    /// <summary>
    /// Writes one unfolded content line (without its CRLF) folded as RFC 5545 section 3.1 says: lines SHOULD
    /// NOT be longer than 75 octets excluding the line break; a fold is CRLF plus one space, and the space counts
    /// toward the next line's 75 octets. Never cuts inside a UTF-8 sequence. Also used for stored lines written
    /// back out unparsed (the feed's slicer), so both fold alike.
    /// </summary>
    public static void WriteFoldedLine(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var limit = MaxLineOctets;
        while (line.Length > limit)
        {
            var cut = limit;
            // Never cut before a UTF-8 continuation byte (10xxxxxx): back up to the sequence start.
            while (cut > 1 && (line[cut] & 0xC0) == 0x80)
            {
                cut--;
            }
            Put(line[..cut], output);
            Put(FoldBreak, output);
            line = line[cut..];
            limit = MaxLineOctets - 1;
        }
        // The (last part of the) line and its CRLF in one piece: one GetSpan/Advance for an unfolded line.
        var destination = output.GetSpan(line.Length + Crlf.Length);
        line.CopyTo(destination);
        Crlf.CopyTo(destination[line.Length..]);
        output.Advance(line.Length + Crlf.Length);
    }

    private static void Put(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        var destination = output.GetSpan(bytes.Length);
        bytes.CopyTo(destination);
        output.Advance(bytes.Length);
    }

    private void Append(byte b)
    {
        EnsureRoom(1);
        _line[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureRoom(bytes.Length);
        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }

    private void AppendAscii(string text)
    {
        EnsureRoom(text.Length);
        _length += Encoding.ASCII.GetBytes(text, _line.AsSpan(_length));
    }

    private void AppendUtf8(string text)
    {
        EnsureRoom(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _line.AsSpan(_length));
    }

    private void EnsureRoom(int extra)
    {
        if (_length + extra > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + extra));
        }
    }

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
}
