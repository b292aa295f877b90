using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>Puts iCalendar DATE and DATE-TIME values on the timeline.</summary>
public static class TimeExtensions
{
    /// <summary>
    /// The instant a value denotes: UTC as is; zoned through <paramref name="zones"/> with the RFC 5545
    /// section 3.3.5 rule for gaps and overlaps (see <see cref="LocalTimeResolution"/>); floating times
    /// and DATEs (midnight) in <paramref name="floatingZone"/>, as RFC 4791 section 9.9 asks a server to
    /// do with the calendar's time zone.
    /// </summary>
    /// <remarks>
    /// Lenient: a TZID that no zone answers to is read in <paramref name="floatingZone"/>, the closest
    /// sensible reading of data a client produced. Use <see cref="TryToInstant"/> to learn when that happened.
    /// </remarks>
    public static Instant ToInstant(this IcalDateTime value, TimeZoneResolver zones, DateTimeZone floatingZone)
    {
        TryToInstant(value, zones, floatingZone, out var instant);
        return instant;
    }

    /// <summary>
    /// Like <see cref="ToInstant"/>, and false when the value's TZID could not be resolved and
    /// <paramref name="instant"/> was therefore computed in <paramref name="floatingZone"/>.
    /// </summary>
    public static bool TryToInstant(this IcalDateTime value, TimeZoneResolver zones, DateTimeZone floatingZone, out Instant instant)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(floatingZone);
        if (value.Kind == IcalTimeKind.Utc && !value.IsDate)
        {
            instant = value.Local.InUtc().ToInstant();
            return true;
        }
        if (value.Kind == IcalTimeKind.Zoned && !value.IsDate && value.TzId is { } tzid)
        {
            var zone = zones.Find(tzid);
            instant = LocalTimeResolution.Resolve(value.Local, zone ?? floatingZone).ToInstant();
            return zone is not null;
        }
        instant = LocalTimeResolution.Resolve(value.Local, floatingZone).ToInstant();
        return true;
    }
}
