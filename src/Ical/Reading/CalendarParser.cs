using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// Builds the immutable <see cref="CalendarComponent"/> tree from UTF-8 iCalendar content
/// (RFC 5545 section 3.4 and 3.6), using <see cref="IcalReader"/>. Every property, parameter,
/// X-/IANA extension and unknown component is kept, in source order.
/// </summary>
public static class CalendarParser
{
    /// <summary>
    /// Parses a whole iCalendar stream into its top-level components (normally one VCALENDAR;
    /// RFC 5545 3.4 allows several). Null options mean <see cref="IcalReaderOptions.Lenient"/>.
    /// </summary>
    /// <exception cref="IcalFormatException">Malformed content, with line and column.</exception>
    public static IReadOnlyList<CalendarComponent> Parse(ReadOnlySpan<byte> utf8, IcalReaderOptions? options = null)
    {
        options ??= IcalReaderOptions.Lenient;
        var session = ParseSession.Rent(options.IsLenient, utf8.Length);
        var reader = new IcalReader(utf8, options);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case IcalTokenType.BeginComponent:
                        session.Begin(session.ReaderName(reader.NameSpan), reader.Line);
                        break;
                    case IcalTokenType.Property:
                        session.AddProperty(ref reader);
                        break;
                    default:
                        session.End();
                        break;
                }
            }
            return session.TakeTopLevel();
        }
        finally
        {
            reader.Dispose();
            session.Release();
        }
    }

    /// <summary>Parses content that must hold exactly one VCALENDAR. Null options mean Lenient.</summary>
    /// <exception cref="IcalFormatException">Malformed content, or not exactly one VCALENDAR.</exception>
    public static CalendarComponent ParseSingle(ReadOnlySpan<byte> utf8, IcalReaderOptions? options = null)
    {
        var components = Parse(utf8, options);
        if (components.Count == 0)
        {
            throw new IcalFormatException("no VCALENDAR found", 1, 1);
        }
        if (components.Count > 1)
        {
            throw new IcalFormatException($"expected one VCALENDAR, found {components.Count} top-level components", components[1].Line, 1);
        }
        if (components[0].Name != "VCALENDAR")
        {
            throw new IcalFormatException($"expected VCALENDAR, found {components[0].Name}", components[0].Line, 1);
        }
        return components[0];
    }

    /// <inheritdoc cref="ParseSingle(ReadOnlySpan{byte}, IcalReaderOptions?)"/>
    public static CalendarComponent ParseSingle(string text, IcalReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseSingle(Encoding.UTF8.GetBytes(text), options);
    }

    /// <summary>
    /// The mutable state of one parse: open components and the string tables. Small inputs (a stored
    /// calendar object, typically under a few KB) reuse one session per thread and mode, because
    /// setting up the stacks and tables cost more than parsing the object itself (a feed parses
    /// thousands of them per request); the tables then also share strings between those parses.
    /// Large inputs get a session of their own, sized for them.
    /// </summary>
    private sealed class ParseSession
    {
        // Inputs up to this size use the per-thread session; its value cache is sized for them.
        private const int ReusedSessionMaxInput = 64 * 1024;

        [ThreadStatic] private static ParseSession? s_reusedLenient;
        [ThreadStatic] private static ParseSession? s_reusedStrict;

        private readonly bool lenient;
        private readonly bool reused;

        // One shared stack each for the properties and children of all open components; a frame
        // remembers where its own start. Ending a component copies its slice once into an
        // immutable array, so there is no builder per component or per property.
        private readonly List<Frame> _open = new(4);
        private readonly List<CalendarProperty> _properties = new(64);
        private readonly List<CalendarComponent> _children = new(64);
        private readonly List<CalendarParameter> _parameters = new(8);
        private readonly List<string> _parameterValues = new(4);
        private readonly List<CalendarComponent> _topLevel = new(1);
        private Utf8StringTable? _localNames;
        private Utf8StringTable? _localValues;
        private readonly Utf8ValueCache _values;

        // Whole parameter lists keyed by their raw text (";TZID=Europe/Berlin"): immutable, and
        // the same few lists repeat on thousands of DTSTART/DTEND/ATTENDEE lines.
        private Utf8Table<ParameterList> _parameterLists = NewParameterLists();

        private ParseSession(bool lenient, int inputLength, bool reused)
        {
            this.lenient = lenient;
            this.reused = reused;
            _values = new Utf8ValueCache(inputLength);
        }

        /// <summary>The thread's session for this mode when the input is small and it is free, else a new one.</summary>
        public static ParseSession Rent(bool lenient, int inputLength)
        {
            if (inputLength > ReusedSessionMaxInput)
            {
                return new ParseSession(lenient, inputLength, reused: false);
            }
            // Taken out of its slot while in use, so a nested parse on the same thread gets its own.
            var session = lenient ? s_reusedLenient : s_reusedStrict;
            if (lenient)
            {
                s_reusedLenient = null;
            }
            else
            {
                s_reusedStrict = null;
            }
            return session ?? new ParseSession(lenient, ReusedSessionMaxInput, reused: true);
        }

        /// <summary>Ends the parse: a reused session is emptied (a failed parse leaves state behind) and put back.</summary>
        public void Release()
        {
            if (!reused)
            {
                _values.Dispose();
                return;
            }
            _open.Clear();
            _properties.Clear();
            _children.Clear();
            _parameters.Clear();
            _parameterValues.Clear();
            _topLevel.Clear();
            // The tables only ever grow; once one is full it stops helping, so start it afresh.
            if (_parameterLists.IsFull)
            {
                _parameterLists = NewParameterLists();
            }
            if (_localNames?.IsFull == true)
            {
                _localNames = null;
            }
            if (_localValues?.IsFull == true)
            {
                _localValues = null;
            }
            if (lenient)
            {
                s_reusedLenient = this;
            }
            else
            {
                s_reusedStrict = this;
            }
        }

        /// <summary>The finished top-level components, as a list of their own (the session is reused).</summary>
        public IReadOnlyList<CalendarComponent> TakeTopLevel() => _topLevel.ToArray();

        private static Utf8Table<ParameterList> NewParameterLists() => new(ignoreCase: false, maxEntries: 4096, maxKeyLength: 160);

        private static Utf8StringTable Names => KnownNames.Names;

        private Utf8StringTable LocalNames => _localNames ??= new Utf8StringTable(ignoreCase: true);

        /// <summary>A component or property name from the reader, which always upper-cases them.</summary>
        public string ReaderName(ReadOnlySpan<byte> upperCaseName) =>
            KnownNames.UpperCaseNames.Find(upperCaseName) ?? LocalNames.GetOrAdd(upperCaseName);

        private Utf8StringTable LocalValues => _localValues ??= new Utf8StringTable(ignoreCase: false);

        public void Begin(string name, int line) => _open.Add(new Frame(name, line, _properties.Count, _children.Count));

        public void AddProperty(ref IcalReader reader)
        {
            var name = ReaderName(reader.NameSpan);
            var parameters = reader.HasParameters ? ReadParameters(ref reader) : ImmutableArray<CalendarParameter>.Empty;
            var value = ValueString(reader.ValueSpan);
            _properties.Add(new CalendarProperty(name, parameters, value, reader.Line));
        }

        public void End()
        {
            var frame = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            var properties = TakeFrom(_properties, frame.PropertyStart);
            properties = CheckComponent(frame, properties);
            var component = new CalendarComponent(frame.Name, properties, TakeFrom(_children, frame.ChildStart), frame.Line);
            if (_open.Count == 0)
            {
                _topLevel.Add(component);
            }
            else
            {
                _children.Add(component);
            }
        }

        private static ImmutableArray<T> TakeFrom<T>(List<T> stack, int start)
        {
            if (start == stack.Count)
            {
                return ImmutableArray<T>.Empty;
            }
            var taken = ImmutableArray.Create<T>(CollectionsMarshal.AsSpan(stack)[start..]);
            stack.RemoveRange(start, stack.Count - start);
            return taken;
        }

        private ImmutableArray<CalendarParameter> ReadParameters(ref IcalReader reader)
        {
            var raw = reader.RawParametersSpan;
            var cached = _parameterLists.Find(raw);
            if (cached is not null)
            {
                return cached.Parameters;
            }
            var parameters = DecodeParameters(ref reader);
            _parameterLists.TryAdd(raw, new ParameterList(parameters));
            return parameters;
        }

        private ImmutableArray<CalendarParameter> DecodeParameters(ref IcalReader reader)
        {
            foreach (var parameter in reader.GetParameters())
            {
                var name = Names.Find(parameter.NameSpan) ?? LocalNames.GetOrAdd(parameter.NameSpan);
                var trim = lenient && name == "TZID";
                foreach (var raw in parameter.GetValues())
                {
                    _parameterValues.Add(DecodeValue(raw, trim));
                }
                _parameters.Add(new CalendarParameter(name, TakeFrom(_parameterValues, 0)));
            }
            return TakeFrom(_parameters, 0);
        }

        private string ValueString(ReadOnlySpan<byte> utf8)
        {
            // Lenient: control characters (Strict refuses them) are dropped so that what was
            // accepted can be written out as valid iCalendar.
            // A cached value was stored without controls, so a hit needs no control check.
            if (_values.TryGetCached(utf8, out var cached, out var slot))
            {
                return cached;
            }
            if (lenient && utf8.ContainsAny(IcalSyntax.Controls))
            {
                return Encoding.UTF8.GetString(WithoutControls(utf8));
            }
            return _values.Add(utf8, slot);
        }

        private static byte[] WithoutControls(ReadOnlySpan<byte> utf8)
        {
            var kept = new List<byte>(utf8.Length);
            foreach (var b in utf8)
            {
                if (!IcalSyntax.Controls.Contains(b))
                {
                    kept.Add(b);
                }
            }
            return kept.ToArray();
        }

        private string DecodeValue(ReadOnlySpan<byte> raw, bool trim)
        {
            if (trim)
            {
                raw = raw.Trim((byte)' ');
            }
            if (lenient && raw.ContainsAny(IcalSyntax.Controls))
            {
                return DecodeValue(WithoutControls(raw), trim: false);
            }
            if (raw.IndexOf((byte)'^') < 0)
            {
                return KnownNames.ParameterValues.Find(raw) ?? LocalValues.GetOrAdd(raw);
            }
            byte[]? rented = null;
            var buffer = raw.Length <= 256 ? stackalloc byte[raw.Length] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
            try
            {
                var length = IcalReader.DecodeParameterValue(raw, buffer);
                return LocalValues.GetOrAdd(buffer[..length]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        private ImmutableArray<CalendarProperty> CheckComponent(Frame frame, ImmutableArray<CalendarProperty> properties)
        {
            if (frame.Name == "VCALENDAR" && !lenient && FindIndex(properties, "VERSION") < 0)
            {
                // RFC 5545 3.6: VERSION is required, exactly once.
                throw new IcalFormatException("VCALENDAR without VERSION (RFC 5545 3.7.4)", frame.Line, 1);
            }
            var duration = FindIndex(properties, "DURATION");
            if (duration < 0)
            {
                return properties;
            }
            var endName = frame.Name == "VTODO" ? "DUE" : "DTEND";
            if (FindIndex(properties, endName) < 0)
            {
                return properties;
            }
            // RFC 5545 3.6.1/3.6.2: DTEND (DUE) and DURATION MUST NOT occur together. Thunderbird
            // writes DURATION:PT0S beside DTEND; that says nothing, so Lenient drops it.
            var durationProperty = properties[duration];
            if (lenient && IcalDuration.TryParse(durationProperty.RawValue, out var value) && value.IsZero)
            {
                return properties.RemoveAt(duration);
            }
            throw new IcalFormatException(
                $"{endName} and DURATION in the same {frame.Name} (RFC 5545 3.6.1)", durationProperty.Line, 1);
        }

        private static int FindIndex(ImmutableArray<CalendarProperty> properties, string name)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                if (ReferenceEquals(properties[i].Name, name) || properties[i].Name == name)
                {
                    return i;
                }
            }
            return -1;
        }
    }

    private sealed record ParameterList(ImmutableArray<CalendarParameter> Parameters);

    private readonly record struct Frame(string Name, int Line, int PropertyStart, int ChildStart);
}
