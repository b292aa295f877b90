using System.Collections.Frozen;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical.Model;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// The shortcut of the feed's RFC 4791 section 9.9 time-range test (<see cref="FeedObjectOutput.InWindow"/>):
/// when the stored occurrence bounds settle it, most objects skip the exact evaluation.
/// </summary>
internal static class FeedRangeTest
{
    private static readonly FrozenSet<string> RecurrenceProperties =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID");

    // Shared with calendar-query (StoredRangeShortcut), whose tests check it against the exact test.
    public static bool BoundsLieInside(ObjectSummary summary, FeedWindow window) =>
        StoredRangeShortcut.BoundsLieInside(summary, window.Start, window.End);

    /// <summary>
    /// The exact answer from the instances stored with the object (<see cref="EventSpanIndex"/>, the same
    /// VEVENT instances and RFC 4791 section 9.9 table as the exact test), without parsing it; null when
    /// it has none (floating times, unbounded series, older rows) or they cannot answer.
    /// </summary>
    public static bool? IndexedOverlap(StoredObject stored, FeedWindow window) =>
        stored.InstanceIndex is { } index ? EventSpanIndex.Overlaps(index, window.Start, window.End) : null;

    // Only then is there certainly an instance: a series (or a single DTSTART) can lose all of them to EXDATEs, an object
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
                // As in StoredRangeShortcut: EXDATE can remove DTSTART itself, and overrides go with their master.
                if (RecurrenceProperties.Contains(property.Name))
                {
                    return false;
                }
            }
        }
        return anyEvent;
    }
}
