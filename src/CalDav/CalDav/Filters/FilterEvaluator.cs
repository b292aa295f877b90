using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Filters;

/// <summary>Tests one parsed calendar object against a CALDAV:filter (RFC 4791 section 9.7).</summary>
public sealed class FilterEvaluator(ICalendarTimeEngine engine, DateTimeZone floatingZone)
{
    /// <summary>Whether the object (its VCALENDAR) matches the top-level comp-filter.</summary>
    public bool Matches(CalendarComponent vcalendar, CompFilter filter)
    {
        // The top-level filter names VCALENDAR, the object itself.
        if (filter.IsNotDefined)
        {
            return false;
        }
        return ComponentMatches(vcalendar, vcalendar, filter);
    }

    private bool ComponentMatches(CalendarComponent vcalendar, CalendarComponent component, CompFilter filter)
    {
        // RFC 4791 9.7.1: "The CALDAV:comp-filter is said to match if ... the component passes the
        // time-range test and all specified CALDAV:prop-filter and CALDAV:comp-filter match".
        if (filter.TimeRange is { } range && !TimeRangeMatches(vcalendar, component, range))
        {
            return false;
        }
        var props = filter.PropFilters.Select(p => PropFilterMatches(component, p));
        var comps = filter.CompFilters.Select(c => ChildFilterMatches(vcalendar, component, c));
        var all = props.Concat(comps);
        return filter.AllOf ? all.All(m => m) : filter.PropFilters.Count + filter.CompFilters.Count == 0 || all.Any(m => m);
    }

    private bool ChildFilterMatches(CalendarComponent vcalendar, CalendarComponent parent, CompFilter filter)
    {
        var children = parent.GetComponents(filter.Name).ToList();
        // RFC 4791 9.7.1: "is-not-defined ... matches if the component does not exist".
        if (filter.IsNotDefined)
        {
            return children.Count == 0;
        }
        return children.Any(child => ComponentMatches(vcalendar, child, filter));
    }

    /// <summary>RFC 4791 9.9, including VALARM (any trigger time of any instance in the range).</summary>
    private bool TimeRangeMatches(CalendarComponent vcalendar, CalendarComponent component, TimeRangeFilter range) =>
        engine.Overlaps(vcalendar, component, range.Start, range.End, floatingZone);

    private bool PropFilterMatches(CalendarComponent component, PropFilter filter)
    {
        var properties = component.GetProperties(filter.Name).ToList();
        if (filter.IsNotDefined)
        {
            return properties.Count == 0;
        }
        return properties.Any(p => PropertyMatches(p, filter));
    }

    private bool PropertyMatches(CalendarProperty property, PropFilter filter)
    {
        var tests = new List<bool>();
        if (filter.TimeRange is { } range)
        {
            tests.Add(PropertyInRange(property, range));
        }
        if (filter.TextMatch is { } match)
        {
            tests.Add(TextMatcher.Matches(PropertyText(property), match));
        }
        tests.AddRange(filter.ParamFilters.Select(p => ParamMatches(property, p)));
        return tests.Count == 0 || (filter.AllOf ? tests.All(t => t) : tests.Any(t => t));
    }

    /// <summary>RFC 4791 9.9: a DATE-TIME property (DTSTAMP, COMPLETED ...) matches when start &lt;= value &lt; end.</summary>
    private bool PropertyInRange(CalendarProperty property, TimeRangeFilter range)
    {
        try
        {
            var value = IcalDateTime.FromProperty(property).ToInstant(TimeZoneResolver.Default, floatingZone);
            return (range.Start is not { } s || value >= s) && (range.End is not { } e || value < e);
        }
        catch (IcalFormatException)
        {
            return false;
        }
    }

    private static bool ParamMatches(CalendarProperty property, ParamFilter filter)
    {
        var parameter = property.GetParameter(filter.Name);
        if (filter.IsNotDefined)
        {
            return parameter is null;
        }
        if (parameter is null)
        {
            return false;
        }
        return filter.TextMatch is not { } match || parameter.Values.Any(v => TextMatcher.Matches(v, match));
    }

    /// <summary>Text values are compared unescaped (RFC 5545 3.3.11), others as written.</summary>
    private static string PropertyText(CalendarProperty property) =>
        property.GetParameterValue("VALUE") is null or "TEXT" ? TextValue.Unescape(property.RawValue) : property.RawValue;
}
