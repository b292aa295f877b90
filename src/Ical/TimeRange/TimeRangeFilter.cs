using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// CALDAV:time-range (RFC 4791 section 9.9) on a stored calendar object, and the bounds storage
/// keeps to prefilter such queries without parsing every object.
/// </summary>
public static class TimeRangeFilter
{
    /// <summary>
    /// True when any <paramref name="componentName"/> component (VEVENT, VTODO, VJOURNAL,
    /// VFREEBUSY) of <paramref name="vcalendar"/>, or for VALARM any alarm of its VEVENTs and
    /// VTODOs, matches [start, end) by the RFC 4791 section 9.9 table, testing every instance of
    /// recurring components. The object's VTIMEZONEs are added to <paramref name="zones"/>.
    /// </summary>
    /// <param name="floatingZone">The zone floating times and DATEs are read in: the
    /// CALDAV:timezone of the query or the calendar (RFC 4791 section 9.9), else UTC.</param>
    /// <exception cref="IcalFormatException">A value the test needs is malformed.</exception>
    public static bool Overlaps(
        CalendarComponent vcalendar, string componentName, Instant? start, Instant? end,
        TimeZoneResolver zones, DateTimeZone floatingZone, RecurrenceLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(vcalendar);
        ArgumentNullException.ThrowIfNull(componentName);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(floatingZone);
        var effectiveLimits = limits ?? RecurrenceLimits.Default;
        var clock = new OccurrenceClock(zones.WithCalendar(vcalendar), floatingZone);
        return FormatErrorGuard.Run(() => TimeRangeEvaluation.Overlaps(
            vcalendar, componentName, new TimeRangeWindow(start, end), clock,
            RecurrenceRules.Using(effectiveLimits), effectiveLimits.MaxInstances));
    }

    /// <summary>
    /// The first instant and the last instant (null: unbounded, e.g. an RRULE without COUNT or
    /// UNTIL) at which any time-range query can match the object, for the storage prefilter.
    /// Conservative: an object for which <see cref="Overlaps"/> is true for [start, end) always
    /// satisfies <c>First &lt;= end AND (Last is null OR Last &gt;= start)</c> (inclusive on both
    /// sides, because some RFC 4791 rows are). Alarm trigger times are included. Floating times
    /// and DATEs are widened by 14 hours both ways, since the viewer's zone is not known when
    /// storing (UTC+14 is the largest offset in use).
    /// </summary>
    /// <exception cref="IcalFormatException">A value is malformed.</exception>
    public static (Instant First, Instant? Last) OccurrenceBounds(
        CalendarComponent vcalendar, TimeZoneResolver zones, RecurrenceLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(vcalendar);
        ArgumentNullException.ThrowIfNull(zones);
        var effectiveLimits = limits ?? RecurrenceLimits.Default;
        var clock = new OccurrenceClock(zones.WithCalendar(vcalendar), DateTimeZone.Utc);
        return FormatErrorGuard.Run(() => OccurrenceBoundsCalculator.Compute(
            vcalendar, clock, RecurrenceRules.Using(effectiveLimits), effectiveLimits.MaxInstances));
    }

    /// <summary>
    /// Every instance of every VEVENT of <paramref name="vcalendar"/> on the timeline, so that the
    /// RFC 4791 section 9.9 VEVENT test of any range can be answered from them alone (any span that
    /// <see cref="EventSpan.Overlaps"/> the range): the same instances <see cref="Overlaps"/> tests.
    /// Null when they depend on the query or are too many to list: a floating or DATE value (read in
    /// the viewer's zone), an unbounded series, more than <paramref name="maxSpans"/> instances, or
    /// an expansion cut short by <paramref name="limits"/>.
    /// </summary>
    /// <exception cref="IcalFormatException">A value is malformed.</exception>
    public static IReadOnlyList<EventSpan>? EventSpans(
        CalendarComponent vcalendar, TimeZoneResolver zones, RecurrenceLimits? limits = null, int maxSpans = 1000)
    {
        ArgumentNullException.ThrowIfNull(vcalendar);
        ArgumentNullException.ThrowIfNull(zones);
        var effectiveLimits = limits ?? RecurrenceLimits.Default;
        // The floating zone is never used for a result: reading any floating value makes it null.
        var clock = new OccurrenceClock(zones.WithCalendar(vcalendar), DateTimeZone.Utc);
        return FormatErrorGuard.Run(() => EventSpanCalculator.Compute(vcalendar, clock, effectiveLimits, maxSpans));
    }
}
