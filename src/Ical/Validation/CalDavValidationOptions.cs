using System.Collections.Frozen;
using AuroraTime.Ical.TimeZones;

namespace AuroraTime.Ical.Validation;

/// <summary>
/// What <see cref="CalDavObjectValidator"/> insists on. <see cref="Strict"/> follows RFC 5545 and
/// RFC 4791 to the letter; <see cref="Lenient"/> tolerates omissions real clients are known to make.
/// </summary>
public sealed record CalDavValidationOptions
{
    private static readonly FrozenSet<string> DefaultComponents =
        new[] { "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>RFC 5545 section 3.6 and every other section need VERSION:2.0 on VCALENDAR.</summary>
    public static CalDavValidationOptions Strict { get; } = new();

    /// <summary>Tolerates a missing VERSION and a missing DTSTAMP (seen from older clients and hand-written files).</summary>
    public static CalDavValidationOptions Lenient { get; } = new() { RequireVersion = false, RequireDtStamp = false };

    /// <summary>When false a missing VERSION is accepted; a VERSION other than 2.0 is always rejected.</summary>
    public bool RequireVersion { get; init; } = true;

    /// <summary>DTSTAMP is REQUIRED in VEVENT, VTODO, VJOURNAL and VFREEBUSY (RFC 5545 section 3.6.1 ff.).</summary>
    public bool RequireDtStamp { get; init; } = true;

    /// <summary>
    /// Decides whether a TZID without a VTIMEZONE in the object is still understood (RFC 7809
    /// style "known zone"). The default asks <see cref="TimeZoneResolver.Default"/>: IANA and
    /// Windows identifiers and the lenient spellings clients write.
    /// </summary>
    public Func<string, bool> IsKnownTimeZone { get; init; } =
        static tzid => TimeZoneResolver.Default.Find(tzid) is not null;

    /// <summary>
    /// The collection's supported-calendar-component-set (RFC 4791 section 5.2.3). VFREEBUSY is
    /// accepted by default because RFC 4791 section 9.9 defines time-range matching for it.
    /// </summary>
    public IReadOnlySet<string> SupportedComponents { get; init; } = DefaultComponents;
}
