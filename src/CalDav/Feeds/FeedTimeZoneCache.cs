using System.Collections.Concurrent;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Writing;
using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// The serialised VTIMEZONE (RFC 5545 section 3.6.5) a feed writes for a tzdb zone. Building one from
/// tzdb costs far more than writing every event of a typical feed, and the result only depends on the
/// zone, the TZID spelling and the years the window touches, so it is built once per such key and
/// reused by every feed request until the window moves into another year.
/// </summary>
internal sealed class FeedTimeZoneCache
{
    // Keys change once a year per zone; the bound only guards against a flood of odd TZID spellings.
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<(string Tzid, int FromYear, int ToYear), byte[]> built = new();

    /// <summary>
    /// The VTIMEZONE for <paramref name="zone"/> named <paramref name="tzid"/> (as the event spells it, so
    /// the reference resolves), covering at least [<paramref name="from"/>, <paramref name="to"/>]:
    /// the interval is widened to whole UTC years so that one entry serves a whole year of daily windows.
    /// </summary>
    public byte[] Get(string tzid, DateTimeZone zone, Instant from, Instant to)
    {
        var fromYear = from.InUtc().Year;
        var toYear = to.InUtc().Year;
        var key = (tzid, fromYear, toYear);
        if (built.TryGetValue(key, out var bytes))
        {
            return bytes;
        }
        if (built.Count >= MaxEntries)
        {
            built.Clear();
        }
        var yearStart = Instant.FromUtc(fromYear, 1, 1, 0, 0);
        var yearEnd = Instant.FromUtc(toYear + 1, 1, 1, 0, 0);
        var vtimezone = VTimeZoneBuilder.Build(zone, yearStart, yearEnd)
            .WithProperty("TZID", new CalendarProperty("TZID", tzid));
        bytes = CalendarSerializer.Serialize(vtimezone);
        built[key] = bytes;
        return bytes;
    }
}
