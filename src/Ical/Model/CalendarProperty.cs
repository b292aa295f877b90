using System.Collections.Immutable;

namespace AuroraTime.Ical.Model;

/// <summary>
/// One content line (RFC 5545 section 3.1) after unfolding. <see cref="RawValue"/> is the value
/// exactly as it appeared (TEXT escapes still in place), so that a property the engine does not
/// understand is written back unchanged; typed accessors decode on demand.
/// </summary>
public sealed class CalendarProperty
{
    public CalendarProperty(string name, ImmutableArray<CalendarParameter> parameters, string rawValue, int line = 0)
    {
        Name = name;
        Parameters = parameters.IsDefault ? ImmutableArray<CalendarParameter>.Empty : parameters;
        RawValue = rawValue;
        Line = line;
    }

    public CalendarProperty(string name, string rawValue)
        : this(name, ImmutableArray<CalendarParameter>.Empty, rawValue) { }

    /// <summary>Upper-case property name, including X- and IANA names the engine does not know.</summary>
    public string Name { get; }

    /// <summary>Parameters in the order they were read.</summary>
    public ImmutableArray<CalendarParameter> Parameters { get; }

    /// <summary>The value as written in the content line, escapes untouched.</summary>
    public string RawValue { get; }

    /// <summary>1-based line where the property started in its source, 0 when built in code.</summary>
    public int Line { get; }

    /// <summary>The first parameter with this (case-insensitive) name, or null.</summary>
    public CalendarParameter? GetParameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter;
            }
        }
        return null;
    }

    /// <summary>The first value of the named parameter, or null when absent.</summary>
    public string? GetParameterValue(string name) => GetParameter(name)?.Value;

    /// <summary>A copy with another raw value and the same name and parameters.</summary>
    public CalendarProperty WithRawValue(string rawValue) => new(Name, Parameters, rawValue, Line);

    /// <summary>A copy with the named parameter replaced (or added at the end); null removes it.</summary>
    public CalendarProperty WithParameter(string name, string? value)
    {
        var builder = ImmutableArray.CreateBuilder<CalendarParameter>(Parameters.Length + 1);
        var replaced = false;
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (value is not null && !replaced)
                {
                    builder.Add(new CalendarParameter(parameter.Name, value));
                }
                replaced = true;
                continue;
            }
            builder.Add(parameter);
        }
        if (!replaced && value is not null)
        {
            builder.Add(new CalendarParameter(name.ToUpperInvariant(), value));
        }
        return new CalendarProperty(Name, builder.ToImmutable(), RawValue, Line);
    }

    public override string ToString() => Parameters.IsEmpty
        ? $"{Name}:{RawValue}"
        : $"{Name};{string.Join(";", Parameters)}:{RawValue}";
}
