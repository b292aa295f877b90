using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// Turns DATE / DATE-TIME values into instants for one expansion. Floating and DATE values are
/// read in <see cref="FloatingZone"/> (RFC 5545 section 3.3.5 form #1: the viewer's zone); an
/// unknown TZID is also read as floating, the lenient choice for data the validator let through.
/// </summary>
internal sealed class OccurrenceClock(Func<string, DateTimeZone?> findZone, DateTimeZone floatingZone)
{
    public OccurrenceClock(TimeZoneResolver zones, DateTimeZone floatingZone)
        : this(zones.Find, floatingZone)
    {
    }

    public DateTimeZone FloatingZone { get; } = floatingZone;

    /// <summary>The zone a series recurs in: UTC, the TZID's zone, or null for floating/DATE (recur in local time).</summary>
    public DateTimeZone? SeriesZone(IcalDateTime value) => value.Kind switch
    {
        IcalTimeKind.Utc => DateTimeZone.Utc,
        IcalTimeKind.Zoned when value.TzId is not null => findZone(value.TzId),
        _ => null,
    };

    public Instant ToInstant(IcalDateTime value) => Resolve(value.Local, SeriesZone(value));

    /// <summary>RFC 5545 section 3.3.5: a local time in a gap is shifted forward, in an overlap the earlier offset wins.</summary>
    public Instant Resolve(LocalDateTime local, DateTimeZone? zone)
    {
        ReadFloating |= zone is null;
        return LocalTimeResolution.Resolve(local, zone ?? FloatingZone).ToInstant();
    }

    /// <summary>True once any floating or DATE value was resolved: its instant depends on the viewer's zone.</summary>
    public bool ReadFloating { get; private set; }

    public LocalDateTime ToLocal(Instant instant, DateTimeZone? zone) =>
        instant.InZone(zone ?? FloatingZone).LocalDateTime;
}
