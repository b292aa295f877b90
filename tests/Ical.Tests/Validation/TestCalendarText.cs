using System.Collections.Immutable;
using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Tests.Validation;

/// <summary>
/// Builds model trees from short inline iCalendar texts for validation and time-range tests.
/// Deliberately tiny (no folding, quoted parameter values without ':' or ';' only): the
/// engine's real reader belongs to another folder, and these tests must not depend on it.
/// </summary>
internal static class TestCalendarText
{
    public static CalendarComponent Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var stack = new Stack<(string Name, int Line, List<CalendarProperty> Props, List<CalendarComponent> Children)>();
        CalendarComponent? root = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var lineNumber = i + 1;
            var colon = line.IndexOf(':');
            var head = line[..colon];
            var value = line[(colon + 1)..];
            if (head.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                stack.Push((value.ToUpperInvariant(), lineNumber, [], []));
                continue;
            }
            if (head.Equals("END", StringComparison.OrdinalIgnoreCase))
            {
                var open = stack.Pop();
                var component = new CalendarComponent(open.Name, [.. open.Props], [.. open.Children], open.Line);
                if (stack.Count == 0)
                {
                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }
                continue;
            }
            var parts = head.Split(';');
            var parameters = parts.Skip(1).Select(p =>
            {
                var eq = p.IndexOf('=');
                var values = p[(eq + 1)..].Split(',').Select(v => v.Trim('"')).ToImmutableArray();
                return new CalendarParameter(p[..eq].ToUpperInvariant(), values);
            }).ToImmutableArray();
            stack.Peek().Props.Add(new CalendarProperty(parts[0].ToUpperInvariant(), parameters, value, lineNumber));
        }
        return root ?? throw new InvalidOperationException("no component in test text");
    }

    /// <summary>Wraps component lines in a VCALENDAR with VERSION and PRODID (VCALENDAR on line 1).</summary>
    public static CalendarComponent Calendar(string body) =>
        Parse("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//AuroraTime//Tests//EN\n" + body.Trim() + "\nEND:VCALENDAR");
}
