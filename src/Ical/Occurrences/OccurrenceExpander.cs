using AuroraTime.Ical.Model;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// The instances of one UID's components: the master's DTSTART, RRULE and RDATE (DATE, DATE-TIME
/// and PERIOD) minus EXDATE (RFC 5545 section 3.8.5), with RECURRENCE-ID overrides replacing
/// their instances and RANGE=THISANDFUTURE moving the later ones (section 3.8.4.4).
/// </summary>
/// <remarks>
/// <para>Order: by actual start (then end). Lazy: the rule is expanded only as far as consumed,
/// and with a window it starts near <c>windowStart</c> instead of walking from DTSTART when the
/// rule has no COUNT.</para>
/// <para>Window: an instance is yielded when it starts before <c>windowEnd</c> and ends after
/// <c>windowStart</c>, or, being zero-length, starts at or after it. An override counts by its own
/// times, so it can move an instance into or out of the window.</para>
/// <para>Choices where RFC 5545 leaves room: DTSTART is always an instance even when the rule does
/// not match it (RFC 5545 section 3.8.2.4: DTSTART "defines the first instance"; python-recurring-ical-events agrees, ical.js drops it); a DATE EXDATE on a DATE-TIME
/// series excludes that local day; an override is yielded even when its RECURRENCE-ID matches no
/// instance or is excluded, and without a master; only the first RRULE is used (a second one
/// "SHOULD NOT" occur); instance ends follow <see cref="InstanceLength"/>.</para>
/// </remarks>
public static class OccurrenceExpander
{
    /// <param name="sameUidComponents">The master and/or its overrides (components of one UID).</param>
    /// <param name="zones">TZID lookup; pass <c>TimeZoneResolver.WithCalendar</c> to honour the object's VTIMEZONEs.</param>
    /// <param name="floatingZone">Where floating times and DATEs are read (the calendar's zone, RFC 4791 section 9.9).</param>
    /// <param name="windowStart">Inclusive start, null for unbounded.</param>
    /// <param name="windowEnd">Exclusive end, null for unbounded.</param>
    /// <param name="limits">Stops after <see cref="RecurrenceLimits.MaxInstances"/> occurrences; also bounds the rule expansion.</param>
    /// <exception cref="IcalFormatException">A date, duration or rule is malformed (raised while enumerating).</exception>
    public static IEnumerable<Occurrence> Expand(
        IReadOnlyList<CalendarComponent> sameUidComponents, TimeZoneResolver zones, DateTimeZone floatingZone,
        Instant? windowStart, Instant? windowEnd, RecurrenceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sameUidComponents);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(floatingZone);
        ArgumentNullException.ThrowIfNull(limits);
        var clock = new OccurrenceClock(zones, floatingZone);
        return FormatErrorGuard.Guard(SeriesExpansion.Expand(
            sameUidComponents, clock, RecurrenceRules.Using(limits), windowStart, windowEnd, limits.MaxInstances));
    }
}
