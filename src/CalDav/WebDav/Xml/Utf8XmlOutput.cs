using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>
/// A growable UTF-8 buffer (rented from the shared pool) with XML 1.0 escaping, the output of
/// <see cref="MultistatusWriter"/>. Text is escaped in one pass: runs without special characters
/// are copied (or transcoded) as a whole, found with a vectorised search (<see cref="XmlSpecialScan"/>).
/// </summary>
/// <remarks>
/// Escaping, for text content: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, and CR as <c>&amp;#13;</c>, because an
/// XML parser turns a literal CRLF into LF (XML 1.0 section 2.11) and iCalendar text needs its CRLF
/// (RFC 5545 section 3.1, carried by RFC 4791 section 9.6 calendar-data). Attribute values also
/// escape <c>"</c>, LF and TAB, which attribute-value normalisation would otherwise change (section 3.3.3).
/// Characters XML 1.0 cannot carry at all (C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF; lone
/// surrogates; invalid UTF-8) become U+FFFD, so the document always stays well-formed.
/// </remarks>
internal sealed class Utf8XmlOutput : IDisposable
{
    private static ReadOnlySpan<byte> Replacement => "\uFFFD"u8;

    private byte[] _buffer;
    private int _length;

    public Utf8XmlOutput(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Bytes that are already markup (pre-encoded tags).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Markup from a string that needs no escaping (names, prefixes), as UTF-8.</summary>
    public void WriteRaw(string markup)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(markup.Length));
        _length += Encoding.UTF8.GetBytes(markup, _buffer.AsSpan(_length));
    }

    /// <summary>Character data of an element.</summary>
    public void WriteText(ReadOnlySpan<char> text) => WriteEscaped(text, attribute: false);

    /// <summary>The value of an attribute (inside double quotes).</summary>
    public void WriteAttributeValue(ReadOnlySpan<char> value) => WriteEscaped(value, attribute: true);

    /// <summary>Character data given as UTF-8, e.g. a stored iCalendar object, without decoding it to UTF-16.</summary>
    public void WriteText(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            WriteText(Encoding.UTF8.GetString(utf8)); // invalid sequences become U+FFFD
            return;
        }
        while (true)
        {
            // 0xEF starts U+FFFE/U+FFFF (EF BF BE/BF) and is checked below; all other UTF-8 is copied as it is.
            var special = XmlSpecialScan.IndexOfTextSpecial(utf8);
            WriteRaw(special < 0 ? utf8 : utf8[..special]);
            if (special < 0)
            {
                return;
            }
            var b = utf8[special];
            if (b == 0xEF)
            {
                // Valid UTF-8 here, so two continuation bytes follow.
                var noncharacter = utf8[special + 1] == 0xBF && utf8[special + 2] is 0xBE or 0xBF;
                WriteRaw(noncharacter ? Replacement : utf8.Slice(special, 3));
                utf8 = utf8[(special + 3)..];
                continue;
            }
            WriteRaw(EscapeOf((char)b));
            utf8 = utf8[(special + 1)..];
        }
    }

    private void WriteEscaped(ReadOnlySpan<char> text, bool attribute)
    {
        while (true)
        {
            var at = attribute ? XmlSpecialScan.IndexOfAttributeSpecial(text) : XmlSpecialScan.IndexOfTextSpecial(text);
            var run = at < 0 ? text : text[..at];
            if (!run.IsEmpty)
            {
                // A run never splits a surrogate pair (it ends before an ASCII or non-surrogate character),
                // so a lone surrogate is lone in the text too; the encoder replaces it with U+FFFD.
                Ensure(Encoding.UTF8.GetMaxByteCount(run.Length));
                _length += Encoding.UTF8.GetBytes(run, _buffer.AsSpan(_length));
            }
            if (at < 0)
            {
                return;
            }
            WriteRaw(EscapeOf(text[at]));
            text = text[(at + 1)..];
        }
    }

    private static ReadOnlySpan<byte> EscapeOf(char c) => c switch
    {
        '&' => "&amp;"u8,
        '<' => "&lt;"u8,
        '>' => "&gt;"u8,
        '"' => "&quot;"u8,
        '\r' => "&#13;"u8,
        '\n' => "&#10;"u8,
        '\t' => "&#9;"u8,
        _ => Replacement,
    };

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
