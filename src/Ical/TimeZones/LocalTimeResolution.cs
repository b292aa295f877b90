using NodaTime;
using NodaTime.TimeZones;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// Maps a local wall time in a zone to one instant the way RFC 5545 section 3.3.5 prescribes.
/// </summary>
public static class LocalTimeResolution
{
    /// <summary>
    /// RFC 5545 section 3.3.5: a local time in a DST gap "does not exist" and is read with the offset
    /// in force before the gap, which moves it forward by the gap's length (02:30 on a spring-forward
    /// day at 02:00 becomes 03:30); a local time that occurs twice "refers to the first occurrence",
    /// the earlier instant. NodaTime's lenient resolver is exactly this pair (forward-shifted, earlier).
    /// </summary>
    public static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ResolveLocal(local, Resolvers.LenientResolver);
    }
}
