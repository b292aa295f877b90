using System.Buffers;
using System.Text;
using System.Text.Unicode;
using static AuroraTime.Ical.Reading.IcalSyntax;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// A forward-only tokenizer over UTF-8 iCalendar content (RFC 5545 section 3.1), modelled on
/// <c>Utf8JsonReader</c>: each <see cref="Read"/> moves to the next content line and exposes it
/// as spans, unfolded, without allocating. It also checks the structure (BEGIN/END pairs, nothing
/// outside a component). Every problem is an <see cref="IcalFormatException"/> with the physical
/// line and byte column.
/// </summary>
/// <remarks>
/// Spans stay valid until the next <see cref="Read"/>. A folded line is copied into a pooled
/// buffer; call <see cref="Dispose"/> to return it (pattern-based <c>using</c> works).
/// </remarks>
public ref struct IcalReader
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly bool _lenient;
    private readonly int _maxDepth;
    private int _position;
    private int _nextLine;
    private int _bomColumns;

    // The current logical (unfolded) line and where its continuation lines begin, for positions.
    private ReadOnlySpan<byte> _logical;
    private int _tokenLine;
    private int _foldCount;
    private byte[]? _unfoldBuffer;
    private int[]? _foldStarts;
    private byte[]? _nameBuffer;

    // Open components: names (upper case) back to back, with their lengths and BEGIN lines.
    private byte[]? _stackNames;
    private int[]? _stackInfo;
    private int _stackBytes;
    private int _depth;
    private bool _completedTopLevel;

    private ReadOnlySpan<byte> _name;
    private ReadOnlySpan<byte> _parameters;
    private ReadOnlySpan<byte> _value;

    /// <summary>A reader over <paramref name="utf8"/>; null options mean <see cref="IcalReaderOptions.Lenient"/>, as for <see cref="CalendarParser"/>.</summary>
    /// <exception cref="IcalFormatException">Strict mode and the input starts with a byte order mark.</exception>
    public IcalReader(ReadOnlySpan<byte> utf8, IcalReaderOptions? options = null)
    {
        options ??= IcalReaderOptions.Lenient;
        _input = utf8;
        _lenient = options.IsLenient;
        _maxDepth = options.MaxDepth;
        _nextLine = 1;
        TokenType = IcalTokenType.None;
        if (utf8.StartsWith(ByteOrderMark))
        {
            if (!_lenient)
            {
                throw new IcalFormatException("a UTF-8 byte order mark is not allowed before BEGIN:VCALENDAR", 1, 1);
            }
            _position = ByteOrderMark.Length;
            _bomColumns = ByteOrderMark.Length;
        }
    }

    public IcalTokenType TokenType { get; private set; }

    /// <summary>Property name, or component name for BEGIN/END; always upper case.</summary>
    public readonly ReadOnlySpan<byte> NameSpan => _name;

    /// <summary>The property value as written (TEXT escapes untouched), unfolded.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _value;

    /// <summary>The raw parameter section, from the first ';' up to the ':' (empty when there are none).</summary>
    public readonly ReadOnlySpan<byte> RawParametersSpan => _parameters;

    public readonly bool HasParameters => !_parameters.IsEmpty;

    /// <summary>1-based physical line where the current content line starts.</summary>
    public readonly int Line => _tokenLine;

    /// <summary>1-based byte column where the current content line starts.</summary>
    public readonly int Column => _tokenLine == 1 ? 1 + _bomColumns : 1;

    /// <summary>Components open after the current token (BEGIN counts itself, END no longer does).</summary>
    public readonly int CurrentDepth => _depth;

    /// <summary>The parameters of the current property, in order, without allocating.</summary>
    public readonly IcalParameterEnumerator GetParameters() => new(_parameters);

    /// <summary>Moves to the next content line; false at the end of the input.</summary>
    /// <exception cref="IcalFormatException">Malformed content, with line and column.</exception>
    public bool Read()
    {
        while (_position < _input.Length)
        {
            ReadLogicalLine();
            if (_logical.IsEmpty || (_lenient && IsBlank(_logical)))
            {
                if (!_lenient)
                {
                    throw Error("empty line (RFC 5545 3.1: every content line has a name and a ':')", 0);
                }
                continue;
            }
            ParseLogicalLine();
            ApplyStructure();
            return true;
        }
        TokenType = IcalTokenType.None;
        _name = default;
        _value = default;
        _parameters = default;
        if (_depth > 0)
        {
            var (beginLine, name) = Top();
            throw new IcalFormatException(
                $"end of input inside {name} (BEGIN at line {beginLine}); END:{name} is missing", _nextLine, 1);
        }
        return false;
    }

    /// <summary>
    /// Decodes one parameter value (RFC 6868: <c>^n</c> newline, <c>^^</c> caret, <c>^'</c> DQUOTE;
    /// any other caret is kept) into <paramref name="destination"/>, which needs at most
    /// <c>raw.Length</c> bytes. Returns the decoded length.
    /// </summary>
    public static int DecodeParameterValue(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var caret = raw.IndexOf((byte)'^');
        if (caret < 0)
        {
            raw.CopyTo(destination);
            return raw.Length;
        }
        raw[..caret].CopyTo(destination);
        var written = caret;
        for (var i = caret; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '^' && i + 1 < raw.Length)
            {
                var next = raw[i + 1];
                var decoded = next switch { (byte)'n' => (byte)'\n', (byte)'^' => (byte)'^', (byte)'\'' => Quote, _ => (byte)0 };
                if (decoded != 0)
                {
                    destination[written++] = decoded;
                    i++;
                    continue;
                }
            }
            destination[written++] = b;
        }
        return written;
    }

    public void Dispose()
    {
        Return(ref _unfoldBuffer);
        Return(ref _nameBuffer);
        Return(ref _stackNames);
        if (_foldStarts is not null)
        {
            ArrayPool<int>.Shared.Return(_foldStarts);
            _foldStarts = null;
        }
        if (_stackInfo is not null)
        {
            ArrayPool<int>.Shared.Return(_stackInfo);
            _stackInfo = null;
        }
    }

    // RFC 5545 3.1: "a long line can be split ... by inserting a CRLF immediately followed by a
    // single linear white-space character"; unfolding removes the CRLF and that one character.
    private void ReadLogicalLine()
    {
        var input = _input;
        var start = _position;
        var segmentStart = start;
        var scanFrom = start;
        var logicalLength = 0;
        _tokenLine = _nextLine;
        _foldCount = 0;
        while (true)
        {
            var relative = input[scanFrom..].IndexOfAny(Cr, Lf);
            var eol = relative < 0 ? input.Length : scanFrom + relative;
            var eolLength = 0;
            if (relative >= 0)
            {
                if (input[eol] == Cr && eol + 1 < input.Length && input[eol + 1] == Lf)
                {
                    eolLength = 2;
                }
                else
                {
                    eolLength = 1;
                    if (!_lenient)
                    {
                        var what = input[eol] == Lf ? "a line feed without carriage return" : "a carriage return without line feed";
                        throw new IcalFormatException($"{what}; RFC 5545 3.1 ends lines with CRLF", _nextLine, ColumnOf(segmentStart, eol));
                    }
                }
            }
            if (!_lenient && eol - segmentStart > MaxLineOctets)
            {
                throw new IcalFormatException(
                    $"line is {eol - segmentStart} octets long; RFC 5545 3.1 folds lines longer than 75 octets",
                    _nextLine, MaxLineOctets + 1);
            }
            var next = eol + eolLength;
            if (eolLength > 0)
            {
                _nextLine++;
            }
            var contentStart = segmentStart == start ? start : segmentStart + 1;
            var folds = eolLength > 0 && next < input.Length && (input[next] == Space || input[next] == Tab);
            if (folds || _foldCount > 0)
            {
                logicalLength = AppendSegment(input[contentStart..eol], logicalLength);
            }
            if (!folds)
            {
                _logical = _foldCount > 0 ? _unfoldBuffer.AsSpan(0, logicalLength) : input[start..eol];
                _position = next;
                return;
            }
            RecordFold(logicalLength);
            segmentStart = next;
            scanFrom = next + 1;
        }
    }

    // Content lines start with a name, so only a line starting with white space can be blank.
    private static bool IsBlank(ReadOnlySpan<byte> line) =>
        (line[0] == Space || line[0] == Tab) && line.IndexOfAnyExcept(Space, Tab) < 0;

    private readonly int ColumnOf(int segmentStart, int offset) =>
        offset - segmentStart + 1 + (_nextLine == 1 ? _bomColumns : 0);

    private int AppendSegment(ReadOnlySpan<byte> segment, int logicalLength)
    {
        var needed = logicalLength + segment.Length;
        if (_unfoldBuffer is null || _unfoldBuffer.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 1024) * 2);
            _unfoldBuffer?.AsSpan(0, logicalLength).CopyTo(bigger);
            Return(ref _unfoldBuffer);
            _unfoldBuffer = bigger;
        }
        segment.CopyTo(_unfoldBuffer.AsSpan(logicalLength));
        return needed;
    }

    private void RecordFold(int logicalOffset)
    {
        if (_foldStarts is null || _foldStarts.Length == _foldCount)
        {
            var bigger = ArrayPool<int>.Shared.Rent(Math.Max(16, _foldCount * 2));
            _foldStarts?.AsSpan(0, _foldCount).CopyTo(bigger);
            if (_foldStarts is not null)
            {
                ArrayPool<int>.Shared.Return(_foldStarts);
            }
            _foldStarts = bigger;
        }
        _foldStarts[_foldCount++] = logicalOffset;
    }

    // contentline = name *(";" param) ":" value CRLF; param = param-name "=" param-value *("," param-value)
    private void ParseLogicalLine()
    {
        var line = _logical;
        var nameEnd = line.IndexOfAnyExcept(NameChars);
        if (nameEnd == 0)
        {
            throw Error("expected a property name (letters, digits and '-')", 0);
        }
        if (nameEnd < 0)
        {
            throw Error("missing ':' between the name and the value", line.Length);
        }
        _name = NormaliseName(line[..nameEnd], 0, 0);
        var position = nameEnd;
        while (line[position] == ';')
        {
            position = ParseParameter(line, position + 1, strict: !_lenient);
        }
        if (line[position] != ':')
        {
            throw Error($"expected ':' or ';' after \"{Encoding.UTF8.GetString(line[..nameEnd])}\"", position);
        }
        _parameters = line[nameEnd..position];
        _value = line[(position + 1)..];
        if (!_lenient)
        {
            var control = _value.IndexOfAny(Controls);
            if (control >= 0)
            {
                throw Error($"control character 0x{_value[control]:X2} in the value", position + 1 + control);
            }
            if (!Utf8.IsValid(line))
            {
                throw Error("invalid UTF-8", FirstInvalidUtf8(line));
            }
        }
    }

    private int ParseParameter(ReadOnlySpan<byte> line, int position, bool strict)
    {
        var nameLength = line[position..].IndexOfAnyExcept(NameChars);
        if (nameLength == 0)
        {
            throw Error("expected a parameter name after ';'", position);
        }
        if (nameLength < 0 || line[position + nameLength] != '=')
        {
            throw Error("expected '=' after the parameter name", nameLength < 0 ? line.Length : position + nameLength);
        }
        var name = line.Slice(position, nameLength);
        if (strict && name.IndexOfAnyInRange((byte)'a', (byte)'z') >= 0)
        {
            throw Error("lower-case parameter name (Strict wants upper case; use Lenient)", position);
        }
        var isTzid = strict && name.SequenceEqual(TzId);
        position += nameLength + 1;
        while (true)
        {
            if (position < line.Length && line[position] == Quote)
            {
                if (isTzid)
                {
                    throw Error("quoted TZID; RFC 5545 3.2.19 defines TZID as paramtext", position);
                }
                var close = line[(position + 1)..].IndexOf(Quote);
                if (close < 0)
                {
                    throw Error("unterminated quoted parameter value", position);
                }
                CheckParameterControls(line.Slice(position + 1, close), position + 1);
                position += close + 2;
            }
            else
            {
                var length = line[position..].IndexOfAny(ParamTextStops);
                if (length < 0)
                {
                    throw Error("missing ':' between the parameters and the value", line.Length);
                }
                if (line[position + length] == Quote)
                {
                    throw Error("'\"' inside an unquoted parameter value", position + length);
                }
                CheckParameterControls(line.Slice(position, length), position);
                if (isTzid && length > 0 && line[position + length - 1] == Space)
                {
                    throw Error("trailing space in the TZID value", position + length - 1);
                }
                position += length;
            }
            if (position >= line.Length)
            {
                throw Error("missing ':' between the parameters and the value", line.Length);
            }
            if (line[position] != ',')
            {
                break;
            }
            position++;
        }
        if (line[position] != ';' && line[position] != ':')
        {
            throw Error("expected ';', ',' or ':' after a quoted parameter value", position);
        }
        return position;
    }

    private readonly void CheckParameterControls(ReadOnlySpan<byte> value, int offset)
    {
        if (!_lenient)
        {
            var control = value.IndexOfAny(Controls);
            if (control >= 0)
            {
                throw Error($"control character 0x{value[control]:X2} in a parameter value", offset + control);
            }
        }
    }

    private ReadOnlySpan<byte> NormaliseName(ReadOnlySpan<byte> name, int logicalOffset, int bufferOffset)
    {
        if (name.IndexOfAnyInRange((byte)'a', (byte)'z') < 0)
        {
            return name;
        }
        if (!_lenient)
        {
            throw Error("lower-case name (Strict wants upper case; use Lenient)", logicalOffset);
        }
        var needed = bufferOffset + name.Length;
        if (_nameBuffer is null || _nameBuffer.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed * 2, 128));
            _nameBuffer?.AsSpan(0, bufferOffset).CopyTo(bigger);
            Return(ref _nameBuffer);
            _nameBuffer = bigger;
        }
        var target = _nameBuffer.AsSpan(bufferOffset, name.Length);
        Ascii.ToUpper(name, target, out _);
        return target;
    }

    private void ApplyStructure()
    {
        // Nearly every line is an ordinary property: testing the first byte keeps both comparisons
        // off its path.
        var first = _name[0];
        var isBegin = first == 'B' && _name.SequenceEqual(Begin);
        if (!isBegin && (first != 'E' || !_name.SequenceEqual(End)))
        {
            TokenType = IcalTokenType.Property;
            if (_depth == 0)
            {
                throw Error(_completedTopLevel
                    ? "content after the END of the calendar"
                    : "property outside of any component (expected BEGIN:VCALENDAR)", 0);
            }
            return;
        }
        var valueOffset = _logical.Length - _value.Length;
        var componentName = _lenient ? _value.TrimEnd(" \t"u8) : _value;
        if (componentName.IsEmpty || componentName.IndexOfAnyExcept(NameChars) >= 0)
        {
            throw Error($"invalid component name after {(isBegin ? "BEGIN" : "END")}:", valueOffset);
        }
        // The property name may sit in the name buffer already; the component name goes after it.
        var nameBytes = _name.Length;
        _name = NormaliseName(componentName, valueOffset, nameBytes);
        _value = default;
        if (isBegin)
        {
            TokenType = IcalTokenType.BeginComponent;
            if (_depth == 0 && !_lenient && !_name.SequenceEqual("VCALENDAR"u8))
            {
                throw Error("the top-level component must be VCALENDAR", valueOffset);
            }
            if (_depth >= _maxDepth)
            {
                throw Error($"components nested deeper than {_maxDepth}", valueOffset);
            }
            Push(_name, _tokenLine);
            return;
        }
        TokenType = IcalTokenType.EndComponent;
        if (_depth == 0)
        {
            throw Error("END without a matching BEGIN", valueOffset);
        }
        if (!_name.SequenceEqual(TopName()))
        {
            var (beginLine, open) = Top();
            throw Error($"END:{Encoding.ASCII.GetString(_name)} does not close BEGIN:{open} (line {beginLine})", valueOffset);
        }
        Pop();
        _completedTopLevel |= _depth == 0;
    }

    private void Push(ReadOnlySpan<byte> name, int line)
    {
        if (_stackNames is null || _stackNames.Length < _stackBytes + name.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(256, (_stackBytes + name.Length) * 2));
            _stackNames?.AsSpan(0, _stackBytes).CopyTo(bigger);
            Return(ref _stackNames);
            _stackNames = bigger;
        }
        if (_stackInfo is null || _stackInfo.Length < (_depth + 1) * 2)
        {
            var bigger = ArrayPool<int>.Shared.Rent(Math.Max(32, (_depth + 1) * 4));
            _stackInfo?.AsSpan(0, _depth * 2).CopyTo(bigger);
            if (_stackInfo is not null)
            {
                ArrayPool<int>.Shared.Return(_stackInfo);
            }
            _stackInfo = bigger;
        }
        name.CopyTo(_stackNames.AsSpan(_stackBytes));
        _stackBytes += name.Length;
        _stackInfo[_depth * 2] = name.Length;
        _stackInfo[(_depth * 2) + 1] = line;
        _depth++;
    }

    private readonly ReadOnlySpan<byte> TopName()
    {
        var length = _stackInfo![(_depth - 1) * 2];
        return _stackNames.AsSpan(_stackBytes - length, length);
    }

    private readonly (int Line, string Name) Top() =>
        (_stackInfo![((_depth - 1) * 2) + 1], Encoding.ASCII.GetString(TopName()));

    private void Pop()
    {
        _depth--;
        _stackBytes -= _stackInfo![_depth * 2];
    }

    /// <summary>An error at a byte offset of the current logical line, mapped back to its physical line and column.</summary>
    private readonly IcalFormatException Error(string reason, int logicalOffset)
    {
        var line = _tokenLine;
        var column = logicalOffset + 1 + (_tokenLine == 1 ? _bomColumns : 0);
        for (var i = _foldCount - 1; i >= 0; i--)
        {
            if (_foldStarts![i] <= logicalOffset)
            {
                line = _tokenLine + i + 1;
                column = logicalOffset - _foldStarts[i] + 2; // the folding white space is column 1
                break;
            }
        }
        return new IcalFormatException(reason, line, column);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (offset < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return offset;
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
