using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// Whether a stored object belongs in a feed window: the RFC 4791 section 9.9 time-range test, decided
/// from the stored occurrence bounds when they settle it, so most objects skip the exact evaluation.
/// </summary>
internal static class FeedRangeTest
{
    /// <exception cref="AuroraTime.Ical.IcalFormatException">The exact test needed a malformed value.</exception>
    public static bool InWindow(
        StoredObject stored, CalendarComponent parsed, FeedWindow window, TimeZoneResolver zones, DateTimeZone floatingZone) =>
        BoundsLieInside(stored.Summary, window) && HasOnlySingleInstanceEvents(parsed)
        || TimeRangeFilter.Overlaps(parsed, "VEVENT", window.Start, window.End, zones, floatingZone);

    // The stored bounds enclose every instance (and alarm), widened for floating times, so when they lie in
    // [start, end) each instance does too: it starts before the end and does not end before the start, which
    // is an overlap for every row of the RFC 4791 section 9.9 table (a zero-length instance at the start
    // included: start <= DTSTART < end).
    private static bool BoundsLieInside(ObjectSummary summary, FeedWindow window) =>
        summary.FirstOccurrence is { } first && summary.LastOccurrence is { } last
        && first >= window.Start && last < window.End;

    // Only then is there certainly an instance: a series can lose all of them to EXDATEs, an object
    // without VEVENT has none, and the exact test is left to decide those.
    private static bool HasOnlySingleInstanceEvents(CalendarComponent vcalendar)
    {
        var anyEvent = false;
        foreach (var component in vcalendar.Components)
        {
            if (!component.Name.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            anyEvent = true;
            foreach (var property in component.Properties)
            {
                if (property.Name.Equals("RRULE", StringComparison.OrdinalIgnoreCase)
                    || property.Name.Equals("RDATE", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }
        return anyEvent;
    }
}
