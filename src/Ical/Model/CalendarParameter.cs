using System.Collections.Immutable;

namespace AuroraTime.Ical.Model;

/// <summary>
/// A property parameter (RFC 5545 section 3.2), e.g. <c>TZID=Europe/Berlin</c>.
/// Values are stored decoded: surrounding DQUOTEs removed and RFC 6868 caret escapes resolved.
/// </summary>
public sealed class CalendarParameter
{
    public CalendarParameter(string name, ImmutableArray<string> values)
    {
        Name = name;
        Values = values.IsDefault ? ImmutableArray<string>.Empty : values;
    }

    public CalendarParameter(string name, string value) : this(name, ImmutableArray.Create(value)) { }

    /// <summary>Upper-case parameter name (names are case-insensitive, RFC 5545 section 2).</summary>
    public string Name { get; }

    /// <summary>One or more values; a comma-separated list becomes several entries.</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>The first value, which is the only one for most parameters.</summary>
    public string Value => Values.Length > 0 ? Values[0] : string.Empty;

    public override string ToString() => $"{Name}={string.Join(",", Values)}";
}
