using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Time;

/// <summary>One instance of a component's recurrence set, on the timeline.</summary>
/// <param name="Component">The master or the override describing the instance.</param>
/// <param name="RecurrenceId">The instance's original start (null for a non-recurring component).</param>
public sealed record TimedInstance(CalendarComponent Component, Instant Start, Instant End, Instant? RecurrenceId);

/// <summary>
/// What CalDAV needs from the iCalendar engine's time logic: the prefilter bounds stored with an
/// object, the exact RFC 4791 section 9.9 test, and expansion into instances (9.6.5, 7.10).
/// An interface so the engine team's public TimeRangeFilter can replace the interim one.
/// </summary>
public interface ICalendarTimeEngine
{
    /// <summary>Conservative first/last instants (null = unbounded) for the store's prefilter.</summary>
    (Instant? First, Instant? Last) Bounds(CalendarComponent vcalendar, DateTimeZone floatingZone);

    /// <summary>
    /// Every VEVENT instance in the stored form <see cref="EventSpanIndex"/> reads, so that a plain VEVENT
    /// time-range query is decided without parsing the object; null when the instances are not fixed on the
    /// timeline (floating or DATE values, an unbounded series) or too many to list.
    /// </summary>
    byte[]? EventInstanceIndex(CalendarComponent vcalendar);

    /// <summary>RFC 4791 section 9.9: does a component named <paramref name="componentName"/> overlap the range.</summary>
    bool Overlaps(CalendarComponent vcalendar, CalendarComponent component, Instant? start, Instant? end, DateTimeZone floatingZone);

    /// <summary>The instances of the (VEVENT/VTODO/VJOURNAL) component group of <paramref name="uid"/> overlapping the range.</summary>
    IEnumerable<TimedInstance> Expand(CalendarComponent vcalendar, string componentName, string? uid, Instant? start, Instant? end, DateTimeZone floatingZone);
}
