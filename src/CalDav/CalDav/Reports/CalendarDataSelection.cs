using System.Collections.Immutable;
using System.Text;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav.Filters;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Reports;

/// <summary>CALDAV:comp inside calendar-data: which properties and sub-components to return (RFC 4791 section 9.6.1).</summary>
internal sealed record ComponentSelection(string Name, bool AllProperties, IReadOnlyList<(string Name, bool NoValue)> Properties, bool AllComponents, IReadOnlyList<ComponentSelection> Components);

/// <summary>
/// What a REPORT's CALDAV:calendar-data element asks for (RFC 4791 section 9.6): the whole object,
/// a partial one (9.6.1), recurrences expanded into UTC instances (9.6.5) or the recurrence set
/// limited to a range (9.6.6).
/// </summary>
internal sealed class CalendarDataSelection
{
    private CalendarDataSelection(ComponentSelection? selection, TimeRangeFilter? expand, TimeRangeFilter? limit)
    {
        Selection = selection;
        ExpandRange = expand;
        LimitRange = limit;
    }

    public ComponentSelection? Selection { get; }

    public TimeRangeFilter? ExpandRange { get; }

    public TimeRangeFilter? LimitRange { get; }

    public bool IsWholeObject => Selection is null && ExpandRange is null && LimitRange is null;

    public static CalendarDataSelection Parse(XElement calendarData) => new(
        calendarData.Element(CalDavNames.Comp) is { } comp ? ParseComp(comp) : null,
        calendarData.Element(CalDavNames.Expand) is { } expand ? FilterParser.ParseTimeRange(expand) : null,
        calendarData.Element(CalDavNames.LimitRecurrenceSet) is { } limit ? FilterParser.ParseTimeRange(limit) : null);

    private static ComponentSelection ParseComp(XElement comp) => new(
        ((string?)comp.Attribute("name") ?? "").ToUpperInvariant(),
        comp.Element(CalDavNames.AllProp) is not null || !comp.Elements(CalDavNames.PropSelector).Any(),
        [.. comp.Elements(CalDavNames.PropSelector).Select(p => (((string?)p.Attribute("name") ?? "").ToUpperInvariant(), string.Equals((string?)p.Attribute("novalue"), "yes", StringComparison.OrdinalIgnoreCase)))],
        comp.Element(CalDavNames.AllComp) is not null || !comp.Elements(CalDavNames.Comp).Any(),
        [.. comp.Elements(CalDavNames.Comp).Select(ParseComp)]);

    /// <summary>The calendar-data text for one stored object.</summary>
    public string Render(ReadOnlyMemory<byte> data, ICalendarTimeEngine engine, DateTimeZone floatingZone)
    {
        if (IsWholeObject)
        {
            return Encoding.UTF8.GetString(data.Span);
        }
        CalendarComponent calendar;
        try
        {
            calendar = CalendarParser.ParseSingle(data.Span, IcalReaderOptions.Lenient);
        }
        catch (IcalFormatException)
        {
            return Encoding.UTF8.GetString(data.Span); // stored data was validated; return it untouched if it no longer parses.
        }
        if (ExpandRange is { } expand)
        {
            calendar = RecurrenceExpansion.Expand(calendar, expand, engine, floatingZone);
        }
        else if (LimitRange is { } limit)
        {
            calendar = RecurrenceExpansion.LimitOverrides(calendar, limit, engine, floatingZone);
        }
        if (Selection is { } selection)
        {
            calendar = Apply(calendar, selection);
        }
        return CalendarSerializer.SerializeToString(calendar);
    }

    private static CalendarComponent Apply(CalendarComponent component, ComponentSelection selection)
    {
        var properties = selection.AllProperties
            ? component.Properties
            : [.. component.Properties
                .Where(p => selection.Properties.Any(s => s.Name == p.Name.ToUpperInvariant()))
                .Select(p => selection.Properties.First(s => s.Name == p.Name.ToUpperInvariant()).NoValue ? p.WithRawValue("") : p)];
        var components = selection.AllComponents
            ? component.Components
            : [.. component.Components
                .Where(c => selection.Components.Any(s => s.Name == c.Name.ToUpperInvariant()))
                .Select(c => Apply(c, selection.Components.First(s => s.Name == c.Name.ToUpperInvariant())))];
        return component.WithProperties(properties).WithComponents(components);
    }
}

/// <summary>RFC 4791 9.6.5 expand and 9.6.6 limit-recurrence-set on a parsed VCALENDAR.</summary>
internal static class RecurrenceExpansion
{
    private static readonly string[] Schedulable = ["VEVENT", "VTODO", "VJOURNAL"];

    /// <summary>
    /// "The server MUST expand recurring components into individual recurrence instances ... the
    /// server MUST return instances in UTC" and no VTIMEZONE is needed then (RFC 4791 9.6.5).
    /// </summary>
    public static CalendarComponent Expand(CalendarComponent calendar, TimeRangeFilter range, ICalendarTimeEngine engine, DateTimeZone floatingZone)
    {
        var result = ImmutableArray.CreateBuilder<CalendarComponent>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in calendar.Components)
        {
            var name = component.Name.ToUpperInvariant();
            if (name == "VTIMEZONE")
            {
                continue;
            }
            if (!Schedulable.Contains(name))
            {
                result.Add(component);
                continue;
            }
            var uid = component.GetProperty("UID")?.RawValue;
            if (!done.Add(name + "\n" + uid))
            {
                continue;
            }
            foreach (var instance in engine.Expand(calendar, name, uid, range.Start, range.End, floatingZone))
            {
                result.Add(ToUtcInstance(instance));
            }
        }
        return calendar.WithComponents(result.ToImmutable());
    }

    /// <summary>Keeps the master and only the overrides that overlap the range (RFC 4791 9.6.6).</summary>
    public static CalendarComponent LimitOverrides(CalendarComponent calendar, TimeRangeFilter range, ICalendarTimeEngine engine, DateTimeZone floatingZone)
    {
        var keep = new HashSet<CalendarComponent>(ReferenceEqualityComparer.Instance);
        foreach (var name in Schedulable)
        {
            foreach (var instance in engine.Expand(calendar, name, null, range.Start, range.End, floatingZone))
            {
                keep.Add(instance.Component);
            }
        }
        return calendar.WithComponents([.. calendar.Components.Where(c => c.GetProperty("RECURRENCE-ID") is null || keep.Contains(c))]);
    }

    private static CalendarComponent ToUtcInstance(TimedInstance instance)
    {
        var component = instance.Component;
        var isDate = component.GetProperty("DTSTART")?.GetParameterValue("VALUE") is { } v && v.Equals("DATE", StringComparison.OrdinalIgnoreCase);
        var properties = ImmutableArray.CreateBuilder<CalendarProperty>();
        foreach (var property in component.Properties)
        {
            switch (property.Name.ToUpperInvariant())
            {
                case "RRULE" or "RDATE" or "EXDATE" or "EXRULE" or "RECURRENCE-ID" or "DTSTART" or "DTEND" or "DUE":
                    break;
                default:
                    properties.Add(property);
                    break;
            }
        }
        properties.Insert(0, Utc("DTSTART", instance.Start, isDate, component.GetProperty("DTSTART")?.Line ?? 0));
        if (component.GetProperty("DTEND") is { } dtEnd)
        {
            properties.Add(Utc("DTEND", instance.End, isDate, dtEnd.Line));
        }
        if (component.GetProperty("DUE") is { } due)
        {
            properties.Add(Utc("DUE", instance.End, isDate, due.Line));
        }
        if (instance.RecurrenceId is { } recurrenceId)
        {
            properties.Add(Utc("RECURRENCE-ID", recurrenceId, isDate, 0));
        }
        return component.WithProperties(properties.ToImmutable());
    }

    private static CalendarProperty Utc(string name, Instant value, bool isDate, int line) => isDate
        ? new CalendarProperty(name, [new CalendarParameter("VALUE", "DATE")], IcalDateTime.FromDate(value.InUtc().Date).ToValueString(), line)
        : new CalendarProperty(name, [], IcalDateTime.FromUtc(value.InUtc().LocalDateTime).ToValueString(), line);
}
