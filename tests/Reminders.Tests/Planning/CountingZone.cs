using NodaTime;
using NodaTime.TimeZones;

namespace AuroraTime.Reminders.Tests.Planning;

/// <summary>
/// A zone that counts how often it is asked for an offset. Floating times are read in the owner's
/// zone, once per instance the planner looks at, so with this zone as the owner's the count measures
/// the planner's work without timing it (a timed bound fails on a loaded machine).
/// </summary>
internal sealed class CountingZone(DateTimeZone inner) : DateTimeZone(inner.Id, isFixed: false, inner.MinOffset, inner.MaxOffset)
{
    private long lookups;

    public long Lookups => Interlocked.Read(ref lookups);

    public override ZoneInterval GetZoneInterval(Instant instant)
    {
        Interlocked.Increment(ref lookups);
        return inner.GetZoneInterval(instant);
    }
}
