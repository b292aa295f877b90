using System.Globalization;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// The value types a VTIMEZONE observance needs, read through the engine's value parsers but with the
/// property's line in the error, plus the few formats the VTIMEZONE builder writes.
/// </summary>
internal static class ObservanceValues
{
    /// <summary>A DATE or DATE-TIME (RFC 5545 sections 3.3.4, 3.3.5); <paramref name="isUtc"/> for the Z form.</summary>
    public static LocalDateTime ParseDateTime(string text, CalendarProperty property, out bool isUtc)
    {
        if (!IcalDateTime.TryParse(text.Trim(), null, null, out var value))
        {
            throw Error($"'{text}' is not a DATE-TIME value (RFC 5545 section 3.3.5)", property);
        }
        isUtc = value.Kind == IcalTimeKind.Utc;
        return value.Local;
    }

    /// <summary>A UTC-OFFSET (RFC 5545 section 3.3.14).</summary>
    public static Offset ParseUtcOffset(string text, CalendarProperty property) =>
        UtcOffsetValue.TryParse(text, out var offset)
            ? offset
            : throw Error($"'{text}' is not a UTC-OFFSET value (RFC 5545 section 3.3.14)", property);

    public static string FormatUtcOffset(Offset offset) => UtcOffsetValue.Format(offset);

    /// <summary>Formats a local date-time as RFC 5545 DATE-TIME form 1 (no zone).</summary>
    public static string FormatLocal(LocalDateTime local) =>
        local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as RFC 5545 DATE-TIME form 2 (UTC).</summary>
    public static string FormatUtc(Instant instant) =>
        instant.InUtc().LocalDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static IcalFormatException Error(string reason, CalendarProperty property) =>
        new(reason, property.Line, 0);
}
