using AuroraTime.CalDav.CalDav.Time;
using NodaTime;

namespace AuroraTime.CalDav.CalDav;

/// <summary>What the host decides about the CalDAV service.</summary>
public sealed class CalDavOptions
{
    /// <summary>
    /// Prefix of DAV:sync-token values. RFC 6578 section 3.2 makes the token a URI; Evolution ignores
    /// tokens without ':' or '/' (INTEROP.md), so the store's opaque token is wrapped in this.
    /// </summary>
    public string SyncTokenPrefix { get; set; } = "http://auroratime.invalid/ns/sync/";

    /// <summary>Name of the calendar created for an account that has none (first access).</summary>
    public string DefaultCalendarName { get; set; } = "default";

    /// <summary>Display name given to that calendar.</summary>
    public string DefaultCalendarDisplayName { get; set; } = "Calendar";

    /// <summary>RFC 4791 5.2.6: the earliest date-time accepted in stored objects.</summary>
    public Instant MinDateTime { get; set; } = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>RFC 4791 5.2.7: the latest date-time accepted in stored objects.</summary>
    public Instant MaxDateTime { get; set; } = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>The zone floating times and DATE values are read in when a calendar has no calendar-timezone.</summary>
    public DateTimeZone FloatingZone { get; set; } = DateTimeZone.Utc;

    /// <summary>RFC 4791 section 7.10 and 9.6.5 work on expanded instances; this bounds the work per object.</summary>
    public int MaxInstancesPerObject { get; set; } = 5000;

    /// <summary>Octets a collection may hold, reported as DAV:quota-available-bytes; null reports no quota.</summary>
    public long? CollectionQuotaBytes { get; set; }

    /// <summary>The time logic (RFC 4791 9.9, expansion); null uses <see cref="IcalTimeEngine"/>. Replaceable for tests.</summary>
    public ICalendarTimeEngine? TimeEngine { get; set; }
}
