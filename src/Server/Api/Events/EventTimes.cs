using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Server.Api.Events;

/// <summary>
/// The API's text forms of DTSTART/DTEND (API.md): "2026-11-22" for a DATE, "2026-11-22T09:00:00"
/// for a local (zoned or floating) DATE-TIME, "2026-11-22T08:00:00Z" for UTC (RFC 5545 section 3.3.5
/// forms #1 to #3), and the zone name shown next to them.
/// </summary>
internal static class EventTimes
{
    public const string Utc = "UTC";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.GeneralIso;
    private static readonly LocalDateTimePattern MinutePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static string Format(IcalDateTime value) =>
        value.IsDate ? DatePattern.Format(value.Date)
        : value.Kind == IcalTimeKind.Utc ? DateTimePattern.Format(value.Local) + "Z"
        : DateTimePattern.Format(value.Local);

    /// <summary>The IANA name of the value's zone, "UTC", or null for floating times and dates.</summary>
    public static string? ZoneName(IcalDateTime value, TimeZoneResolver zones) => value switch
    {
        { IsDate: true } => null,
        { Kind: IcalTimeKind.Utc } => Utc,
        { Kind: IcalTimeKind.Zoned, TzId: { } tzid } => zones.Find(tzid)?.Id ?? tzid,
        _ => null,
    };

    /// <summary>Reads an API time; the error names what was expected.</summary>
    /// <param name="tzid">The TZID to write for a local time (null = floating), ignored for dates and "Z" times.</param>
    public static bool TryParse(string text, bool allDay, string? tzid, out IcalDateTime value, out string? error)
    {
        value = default;
        error = null;
        if (allDay)
        {
            if (DatePattern.Parse(text) is { Success: true } date)
            {
                value = IcalDateTime.FromDate(date.Value);
                return true;
            }
            error = $"'{text}' is not a date like 2026-11-22 (allDay is true).";
            return false;
        }
        var utc = text.EndsWith('Z') || text.EndsWith('z');
        var local = utc ? text[..^1] : text;
        var parsed = DateTimePattern.Parse(local) is { Success: true } full ? full : MinutePattern.Parse(local);
        if (!parsed.Success)
        {
            error = $"'{text}' is not a local date-time like 2026-11-22T09:00:00 (or with Z for UTC).";
            return false;
        }
        value = utc || tzid == Utc ? IcalDateTime.FromUtc(parsed.Value) : IcalDateTime.FromLocal(parsed.Value, tzid);
        return true;
    }

    /// <summary>The instant of a value for ordering start and end; floating times and dates are read in UTC.</summary>
    public static Instant Instant(IcalDateTime value, TimeZoneResolver zones) => value.ToInstant(zones, DateTimeZone.Utc);

    /// <summary>
    /// DTSTART plus a DURATION (RFC 5545 section 3.3.6): days and weeks are nominal (calendar days in the
    /// start's zone), hours, minutes and seconds exact.
    /// </summary>
    public static IcalDateTime Plus(IcalDateTime start, IcalDuration duration, TimeZoneResolver zones)
    {
        var days = duration.NominalDays;
        var exact = duration.ExactPart;
        if (start.IsDate)
        {
            return IcalDateTime.FromDate(start.Date.PlusDays(days));
        }
        var shifted = start.Local.PlusDays(days);
        switch (start.Kind)
        {
            case IcalTimeKind.Utc:
                return IcalDateTime.FromUtc((shifted.InUtc().ToInstant() + exact).InUtc().LocalDateTime);
            case IcalTimeKind.Zoned when start.TzId is { } tzid && zones.Find(tzid) is { } zone:
                var instant = LocalTimeResolution.Resolve(shifted, zone).ToInstant() + exact;
                return IcalDateTime.FromLocal(instant.InZone(zone).LocalDateTime, tzid);
            default:
                return start with { Local = shifted.PlusTicks(exact.BclCompatibleTicks) };
        }
    }

    /// <summary><paramref name="value"/> shown in the representation of <paramref name="like"/> (an end in another zone than its start).</summary>
    public static IcalDateTime InSameZoneAs(IcalDateTime value, IcalDateTime like, TimeZoneResolver zones)
    {
        if (value.IsDate || like.IsDate || (value.Kind == like.Kind && value.TzId == like.TzId) || like.Kind == IcalTimeKind.Floating)
        {
            return value;
        }
        var instant = value.ToInstant(zones, DateTimeZone.Utc);
        if (like.Kind == IcalTimeKind.Utc)
        {
            return IcalDateTime.FromUtc(instant.InUtc().LocalDateTime);
        }
        return like.TzId is { } tzid && zones.Find(tzid) is { } zone
            ? IcalDateTime.FromLocal(instant.InZone(zone).LocalDateTime, tzid)
            : value;
    }
}
