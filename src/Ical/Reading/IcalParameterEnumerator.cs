using static AuroraTime.Ical.Reading.IcalSyntax;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// Walks the parameters of the current <see cref="IcalReader"/> property. The reader has already
/// checked their syntax, so walking cannot fail.
/// </summary>
public ref struct IcalParameterEnumerator
{
    private ReadOnlySpan<byte> _rest;

    internal IcalParameterEnumerator(ReadOnlySpan<byte> rawParameters)
    {
        _rest = rawParameters;
        Current = default;
    }

    public IcalParameterToken Current { get; private set; }

    public readonly IcalParameterEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.IsEmpty)
        {
            return false;
        }
        // _rest starts with ';'. The values run to the next ';' outside quotes.
        var equals = _rest.IndexOf((byte)'=');
        var name = _rest[1..equals];
        var position = equals + 1;
        var inQuotes = false;
        while (position < _rest.Length)
        {
            var b = _rest[position];
            if (b == Quote)
            {
                inQuotes = !inQuotes;
            }
            else if (b == ';' && !inQuotes)
            {
                break;
            }
            position++;
        }
        Current = new IcalParameterToken(name, _rest[(equals + 1)..position]);
        _rest = _rest[position..];
        return true;
    }
}

/// <summary>One parameter: its name as written (upper case in Strict mode) and its raw values.</summary>
public readonly ref struct IcalParameterToken
{
    internal IcalParameterToken(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValues)
    {
        NameSpan = name;
        RawValuesSpan = rawValues;
    }

    /// <summary>The name as written; compare it case-insensitively (Lenient keeps lower case here).</summary>
    public ReadOnlySpan<byte> NameSpan { get; }

    /// <summary>Every value, comma-separated, quotes and caret escapes still in place.</summary>
    public ReadOnlySpan<byte> RawValuesSpan { get; }

    /// <summary>The values, each without its quotes but with RFC 6868 escapes (decode with <see cref="IcalReader.DecodeParameterValue"/>).</summary>
    public IcalParameterValueEnumerator GetValues() => new(RawValuesSpan);
}

/// <summary>Walks the comma-separated values of one parameter.</summary>
public ref struct IcalParameterValueEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    internal IcalParameterValueEnumerator(ReadOnlySpan<byte> rawValues)
    {
        _rest = rawValues;
        _done = false;
        Current = default;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>True when the current value was written in double quotes.</summary>
    public bool CurrentIsQuoted { get; private set; }

    public readonly IcalParameterValueEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }
        int next;
        if (!_rest.IsEmpty && _rest[0] == Quote)
        {
            var close = _rest[1..].IndexOf(Quote) + 1;
            Current = _rest[1..close];
            CurrentIsQuoted = true;
            next = close + 1;
        }
        else
        {
            var comma = _rest.IndexOf((byte)',');
            next = comma < 0 ? _rest.Length : comma;
            Current = _rest[..next];
            CurrentIsQuoted = false;
        }
        if (next >= _rest.Length)
        {
            _done = true;
        }
        else
        {
            _rest = _rest[(next + 1)..];
        }
        return true;
    }
}
