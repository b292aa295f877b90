using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// One stored object as a feed shows it under one link: its VEVENTs already reduced to the link's
/// scope and serialised, the TZIDs they reference (with the object's own VTIMEZONE for each, when it
/// has one), and what is needed to decide whether it belongs in a window without parsing it again.
/// </summary>
internal sealed class FeedObjectOutput
{
    private WindowVerdict? lastVerdict;

    private FeedObjectOutput(
        bool onlySingleInstanceEvents, byte[] events, int eventCount, IReadOnlyList<(string Tzid, byte[]? OwnDefinition)> timeZones)
    {
        OnlySingleInstanceEvents = onlySingleInstanceEvents;
        Events = events;
        EventCount = eventCount;
        TimeZones = timeZones;
    }

    /// <summary>Output of an object the engine could not read: it is left out of feeds rather than breaking them.</summary>
    public static FeedObjectOutput Unreadable { get; } = new(false, [], 0, []);

    /// <summary>The reduced VEVENTs, serialised (RFC 5545 content lines, CRLF, folded).</summary>
    public byte[] Events { get; }

    public int EventCount { get; }

    /// <summary>TZIDs the events reference, in order of first use, each with the object's own VTIMEZONE serialised, or null.</summary>
    public IReadOnlyList<(string Tzid, byte[]? OwnDefinition)> TimeZones { get; }

    /// <summary>Every VEVENT is a single instance (no RRULE or RDATE), and there is at least one.</summary>
    public bool OnlySingleInstanceEvents { get; }

    /// <summary>Whether <see cref="InWindow"/> ran the exact test and keeps its answer (worth caching this output for).</summary>
    public bool RemembersExactVerdict => lastVerdict is not null;

    /// <summary>Roughly the memory this output holds, for the cache's budget.</summary>
    public long SizeInBytes => Events.Length + TimeZones.Sum(z => (2L * z.Tzid.Length) + (z.OwnDefinition?.Length ?? 0) + 32);

    public static FeedObjectOutput Create(
        bool onlySingleInstanceEvents, byte[] events, int eventCount, IReadOnlyList<(string Tzid, byte[]? OwnDefinition)> timeZones) =>
        new(onlySingleInstanceEvents, events, eventCount, timeZones);

    /// <summary>
    /// Whether the object has an instance in <paramref name="window"/> (RFC 4791 section 9.9): from the
    /// instances stored with it or the stored bounds when they settle it, else by the exact test, whose answer is remembered per window
    /// and zone (the window moves once a day). The tree is not kept: the exact test parses
    /// <paramref name="stored"/> again, which costs far less than holding every series' tree in memory.
    /// </summary>
    public bool InWindow(StoredObject stored, FeedWindow window, TimeZoneResolver zones, DateTimeZone floatingZone)
    {
        if (EventCount == 0)
        {
            return false;
        }
        if (FeedRangeTest.IndexedOverlap(stored, window) is { } decided)
        {
            return decided;
        }
        if (OnlySingleInstanceEvents && FeedRangeTest.BoundsLieInside(stored.Summary, window))
        {
            return true;
        }
        var verdict = lastVerdict;
        if (verdict is not null && verdict.Window == window && ReferenceEquals(verdict.FloatingZone, floatingZone))
        {
            return verdict.InWindow;
        }
        bool inWindow;
        try
        {
            var parsed = CalendarParser.ParseSingle(stored.Data.Span, IcalReaderOptions.Lenient);
            inWindow = TimeRangeFilter.Overlaps(parsed, "VEVENT", window.Start, window.End, zones, floatingZone);
        }
        catch (AuroraTime.Ical.IcalFormatException)
        {
            inWindow = false; // a malformed value in a series: left out, as an unreadable object is
        }
        lastVerdict = new WindowVerdict(window, floatingZone, inWindow);
        return inWindow;
    }

    // One immutable object, so a reader on another thread sees a whole verdict or the previous one.
    private sealed record WindowVerdict(FeedWindow Window, DateTimeZone FloatingZone, bool InWindow);
}
