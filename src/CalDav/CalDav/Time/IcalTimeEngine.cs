using System.Collections.Immutable;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Time;

/// <summary>
/// The CalDAV view of the Ical engine's time logic (TimeRangeFilter, OccurrenceExpander). A
/// filter names one component, so the engine is given a calendar holding just that component
/// (with its overrides, when it is a master, so replaced instances are not counted twice).
/// Malformed values count as "no match" rather than failing a query.
/// </summary>
public sealed class IcalTimeEngine(RecurrenceLimits limits) : ICalendarTimeEngine
{
    private static readonly string[] Schedulable = ["VEVENT", "VTODO", "VJOURNAL"];

    // About 6 bytes each: a daily series of nearly three years still fits in a few kilobytes.
    private const int MaxIndexedInstances = 1000;

    public (Instant? First, Instant? Last) Bounds(CalendarComponent vcalendar, DateTimeZone floatingZone)
    {
        try
        {
            var (first, last) = TimeRangeFilter.OccurrenceBounds(vcalendar, TimeZoneResolver.Default, limits);
            return (first == Instant.MinValue ? null : first, last);
        }
        catch (IcalFormatException)
        {
            return (null, null); // unknown: the prefilter lets the object through every query.
        }
    }

    /// <summary>
    /// The union of the instances <see cref="Overlaps"/> tests for each VEVENT of the object (each on its own
    /// calendar of VTIMEZONEs, itself and, for a master, its overrides), so that the index answers exactly
    /// what <see cref="Overlaps"/> would for every range. Null when any of them is not fixed or malformed.
    /// </summary>
    public byte[]? EventInstanceIndex(CalendarComponent vcalendar)
    {
        var timeZones = vcalendar.GetComponents("VTIMEZONE").ToList();
        var spans = new List<EventSpan>();
        var seen = new HashSet<EventSpan>();
        foreach (var component in vcalendar.GetComponents("VEVENT"))
        {
            IReadOnlyList<EventSpan>? own;
            try
            {
                own = TimeRangeFilter.EventSpans(vcalendar.WithComponents([.. timeZones, component, .. Overrides(vcalendar, component)]), TimeZoneResolver.Default, limits, MaxIndexedInstances);
            }
            catch (IcalFormatException)
            {
                return null;
            }
            if (own is null)
            {
                return null;
            }
            spans.AddRange(own.Where(seen.Add));
            if (spans.Count > MaxIndexedInstances)
            {
                return null;
            }
        }
        return EventSpanIndex.Encode(spans);
    }

    public bool Overlaps(CalendarComponent vcalendar, CalendarComponent component, Instant? start, Instant? end, DateTimeZone floatingZone)
    {
        var name = component.Name.ToUpperInvariant();
        var timeZones = vcalendar.GetComponents("VTIMEZONE").ToList();
        ImmutableArray<CalendarComponent> members;
        if (name == "VALARM")
        {
            // Only this alarm, on its owner (and the owner's overrides, which inherit no alarms).
            var owner = vcalendar.Components.FirstOrDefault(c => c.Components.Any(a => ReferenceEquals(a, component)));
            if (owner is null)
            {
                return false;
            }
            members = [.. timeZones, owner.WithComponents([component]), .. Overrides(vcalendar, owner)];
        }
        else
        {
            members = [.. timeZones, component, .. Overrides(vcalendar, component)];
        }
        try
        {
            return TimeRangeFilter.Overlaps(vcalendar.WithComponents(members), name, start, end, TimeZoneResolver.Default, floatingZone, limits);
        }
        catch (IcalFormatException)
        {
            return false;
        }
    }

    public IEnumerable<TimedInstance> Expand(CalendarComponent vcalendar, string componentName, string? uid, Instant? start, Instant? end, DateTimeZone floatingZone)
    {
        var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
        var groups = vcalendar.Components
            .Where(c => c.Name.Equals(componentName, StringComparison.OrdinalIgnoreCase))
            .GroupBy(c => c.GetProperty("UID")?.RawValue ?? "")
            .Where(g => uid is null || g.Key == uid);
        var instances = new List<TimedInstance>();
        foreach (var group in groups)
        {
            var members = group.ToList();
            var recurring = members.Count > 1 || members.Any(c => c.GetProperty("RRULE") is not null || c.GetProperty("RDATE") is not null || c.GetProperty("RECURRENCE-ID") is not null);
            try
            {
                foreach (var occurrence in OccurrenceExpander.Expand(members, zones, floatingZone, start, end, limits))
                {
                    Instant? recurrenceId = recurring ? occurrence.RecurrenceId.ToInstant(zones, floatingZone) : null;
                    instances.Add(new TimedInstance(occurrence.Component, occurrence.Start, occurrence.End, recurrenceId));
                }
            }
            catch (IcalFormatException)
            {
                // A malformed series contributes no instances.
            }
        }
        return instances;
    }

    /// <summary>The RECURRENCE-ID components that belong to <paramref name="master"/> (same name and UID).</summary>
    private static IEnumerable<CalendarComponent> Overrides(CalendarComponent vcalendar, CalendarComponent master)
    {
        if (master.GetProperty("RECURRENCE-ID") is not null || !Schedulable.Contains(master.Name.ToUpperInvariant()))
        {
            return [];
        }
        var uid = master.GetProperty("UID")?.RawValue;
        return vcalendar.Components.Where(c => !ReferenceEquals(c, master)
            && c.Name.Equals(master.Name, StringComparison.OrdinalIgnoreCase)
            && c.GetProperty("RECURRENCE-ID") is not null
            && c.GetProperty("UID")?.RawValue == uid);
    }
}
