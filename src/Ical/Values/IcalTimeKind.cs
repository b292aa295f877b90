namespace AuroraTime.Ical.Values;

/// <summary>How a DATE-TIME value is anchored (RFC 5545 section 3.3.5, forms #1 to #3).</summary>
public enum IcalTimeKind
{
    /// <summary>Form #1: local time with no zone, the same wall-clock time everywhere. Also every DATE.</summary>
    Floating,

    /// <summary>Form #2: a UTC time, written with a trailing "Z".</summary>
    Utc,

    /// <summary>Form #3: local time in the zone named by the TZID parameter.</summary>
    Zoned,
}
