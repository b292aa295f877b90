using System.Collections.Immutable;

namespace AuroraTime.Ical.Model;

/// <summary>
/// A component (RFC 5545 section 3.6): VCALENDAR, VEVENT, VTODO, VJOURNAL, VFREEBUSY, VTIMEZONE,
/// STANDARD/DAYLIGHT, VALARM or any X-/IANA component, kept in source order. Immutable: edits go
/// through the <c>With*</c> methods, which return new instances and share the untouched parts.
/// </summary>
public sealed class CalendarComponent
{
    public CalendarComponent(
        string name,
        ImmutableArray<CalendarProperty> properties,
        ImmutableArray<CalendarComponent> components,
        int line = 0)
    {
        Name = name;
        Properties = properties.IsDefault ? ImmutableArray<CalendarProperty>.Empty : properties;
        Components = components.IsDefault ? ImmutableArray<CalendarComponent>.Empty : components;
        Line = line;
    }

    /// <summary>Upper-case component name without the BEGIN:.</summary>
    public string Name { get; }

    public ImmutableArray<CalendarProperty> Properties { get; }

    public ImmutableArray<CalendarComponent> Components { get; }

    /// <summary>1-based line of the BEGIN line in its source, 0 when built in code.</summary>
    public int Line { get; }

    /// <summary>The first property with this (case-insensitive) name, or null.</summary>
    public CalendarProperty? GetProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }
        return null;
    }

    /// <summary>Every property with this (case-insensitive) name, in source order.</summary>
    public IEnumerable<CalendarProperty> GetProperties(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return property;
            }
        }
    }

    /// <summary>Direct sub-components with this (case-insensitive) name, in source order.</summary>
    public IEnumerable<CalendarComponent> GetComponents(string name)
    {
        foreach (var component in Components)
        {
            if (string.Equals(component.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return component;
            }
        }
    }

    public CalendarComponent WithProperties(ImmutableArray<CalendarProperty> properties) =>
        new(Name, properties, Components, Line);

    public CalendarComponent WithComponents(ImmutableArray<CalendarComponent> components) =>
        new(Name, Properties, components, Line);

    /// <summary>
    /// A copy where every property called <paramref name="name"/> is replaced by
    /// <paramref name="property"/> at the position of the first one (appended when absent);
    /// a null <paramref name="property"/> removes them.
    /// </summary>
    public CalendarComponent WithProperty(string name, CalendarProperty? property)
    {
        var builder = ImmutableArray.CreateBuilder<CalendarProperty>(Properties.Length + 1);
        var placed = false;
        foreach (var existing in Properties)
        {
            if (string.Equals(existing.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (property is not null && !placed)
                {
                    builder.Add(property);
                }
                placed = true;
                continue;
            }
            builder.Add(existing);
        }
        if (!placed && property is not null)
        {
            builder.Add(property);
        }
        return WithProperties(builder.ToImmutable());
    }

    public override string ToString() => $"{Name} ({Properties.Length} properties, {Components.Length} components)";
}
