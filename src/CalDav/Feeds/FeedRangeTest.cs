using AuroraTime.Ical.Model;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// The shortcut of the feed's RFC 4791 section 9.9 time-range test (<see cref="FeedObjectOutput.InWindow"/>):
/// when the stored occurrence bounds settle it, most objects skip the exact evaluation.
/// </summary>
internal static class FeedRangeTest
{
    // The stored bounds enclose every instance (and alarm), widened for floating times, so when they lie in
    // [start, end) each instance does too: it starts before the end and does not end before the start, which
    // is an overlap for every row of the RFC 4791 section 9.9 table (a zero-length instance at the start
    // included: start <= DTSTART < end).
    public static bool BoundsLieInside(ObjectSummary summary, FeedWindow window) =>
        summary.FirstOccurrence is { } first && summary.LastOccurrence is { } last
        && first >= window.Start && last < window.End;

    // Only then is there certainly an instance: a series can lose all of them to EXDATEs, an object
    // without VEVENT has none, and the exact test is left to decide those.
    public static bool HasOnlySingleInstanceEvents(CalendarComponent vcalendar)
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
