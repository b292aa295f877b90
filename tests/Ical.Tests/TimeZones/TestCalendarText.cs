using System.Collections.Immutable;
using System.Text;
using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>
/// Minimal text to model conversion for the time-zone tests' own fixtures (unfolding, NAME;P=V:value,
/// no escapes inside parameters), so these tests do not depend on the engine's reader while it is
/// built on another branch. Not a general iCalendar parser.
/// </summary>
internal static class TestCalendarText
{
    public static CalendarComponent Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace("\n ", string.Empty).Replace("\n\t", string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var stack = new Stack<(string Name, List<CalendarProperty> Properties, List<CalendarComponent> Components)>();
        CalendarComponent? root = null;
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            var colon = line.IndexOf(':');
            var head = line[..colon];
            var value = line[(colon + 1)..];
            if (head.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                stack.Push((value.ToUpperInvariant(), [], []));
                continue;
            }
            if (head.Equals("END", StringComparison.OrdinalIgnoreCase))
            {
                var (name, properties, components) = stack.Pop();
                var component = new CalendarComponent(name, [.. properties], [.. components]);
                if (stack.Count == 0)
                {
                    root = component;
                }
                else
                {
                    stack.Peek().Components.Add(component);
                }
                continue;
            }
            var parts = head.Split(';');
            var parameters = parts.Skip(1).Select(p =>
            {
                var equals = p.IndexOf('=');
                return new CalendarParameter(p[..equals].ToUpperInvariant(), p[(equals + 1)..].Trim('"'));
            }).ToImmutableArray();
            stack.Peek().Properties.Add(new CalendarProperty(parts[0].ToUpperInvariant(), parameters, value, lineNumber));
        }
        return root ?? throw new InvalidOperationException("no component in test text");
    }

    /// <summary>Writes a component as unfolded content lines, enough for the oracles to read.</summary>
    public static string Write(CalendarComponent component)
    {
        var builder = new StringBuilder();
        Write(component, builder);
        return builder.ToString();
    }

    private static void Write(CalendarComponent component, StringBuilder builder)
    {
        builder.Append("BEGIN:").Append(component.Name).Append("\r\n");
        foreach (var property in component.Properties)
        {
            builder.Append(property.ToString()).Append("\r\n");
        }
        foreach (var child in component.Components)
        {
            Write(child, builder);
        }
        builder.Append("END:").Append(component.Name).Append("\r\n");
    }
}
