using System.Globalization;
using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// The two value types a VTIMEZONE observance needs: local DATE-TIME (RFC 5545 section 3.3.5,
/// form 1, with a tolerated trailing Z) and UTC-OFFSET (section 3.3.14).
/// </summary>
/// <remarks>
/// Kept private to the time-zone code until the shared value types (IcalDateTime, UtcOffsetValue)
/// are on main; then these become thin calls into them.
/// </remarks>
internal static class ObservanceValues
{
    /// <summary>Parses <c>yyyyMMdd</c>, <c>yyyyMMddTHHmmss</c> or <c>yyyyMMddTHHmmssZ</c>.</summary>
    public static LocalDateTime ParseDateTime(string text, CalendarProperty property, out bool isUtc)
    {
        var value = text.Trim();
        isUtc = value.EndsWith('Z') || value.EndsWith('z');
        if (isUtc)
        {
            value = value[..^1];
        }
        if (value.Length == 8 && TryDigits(value, 0, 4, out var yearOnly)
            && TryDigits(value, 4, 2, out var monthOnly) && TryDigits(value, 6, 2, out var dayOnly))
        {
            return Build(yearOnly, monthOnly, dayOnly, 0, 0, 0, property);
        }
        if (value.Length != 15 || (value[8] != 'T' && value[8] != 't')
            || !TryDigits(value, 0, 4, out var year) || !TryDigits(value, 4, 2, out var month)
            || !TryDigits(value, 6, 2, out var day) || !TryDigits(value, 9, 2, out var hour)
            || !TryDigits(value, 11, 2, out var minute) || !TryDigits(value, 13, 2, out var second))
        {
            throw Error($"'{text}' is not a DATE-TIME value (RFC 5545 section 3.3.5)", property);
        }
        return Build(year, month, day, hour, minute, second, property);
    }

    /// <summary>Parses <c>+HHMM</c>, <c>-HHMM</c> or with seconds <c>+HHMMSS</c>; -0000 is rejected.</summary>
    public static Offset ParseUtcOffset(string text, CalendarProperty property)
    {
        var value = text.Trim();
        if ((value.Length != 5 && value.Length != 7) || (value[0] != '+' && value[0] != '-')
            || !TryDigits(value, 1, 2, out var hours) || !TryDigits(value, 3, 2, out var minutes)
            || minutes > 59 || hours > 18)
        {
            throw Error($"'{text}' is not a UTC-OFFSET value (RFC 5545 section 3.3.14)", property);
        }
        var seconds = 0;
        if (value.Length == 7 && (!TryDigits(value, 5, 2, out seconds) || seconds > 59))
        {
            throw Error($"'{text}' is not a UTC-OFFSET value (RFC 5545 section 3.3.14)", property);
        }
        var total = (hours * 3600) + (minutes * 60) + seconds;
        if (value[0] == '-' && total == 0)
        {
            throw Error("-0000 is not a valid UTC-OFFSET (RFC 5545 section 3.3.14)", property);
        }
        return Offset.FromSeconds(value[0] == '-' ? -total : total);
    }

    /// <summary>Formats an offset as RFC 5545 UTC-OFFSET, with seconds only when it has them.</summary>
    public static string FormatUtcOffset(Offset offset)
    {
        var total = offset.Seconds;
        var sign = total < 0 ? '-' : '+';
        total = Math.Abs(total);
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{total / 3600:D2}{total / 60 % 60:D2}");
        return total % 60 == 0 ? text : text + (total % 60).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a local date-time as RFC 5545 DATE-TIME form 1 (no zone).</summary>
    public static string FormatLocal(LocalDateTime local) =>
        local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as RFC 5545 DATE-TIME form 2 (UTC).</summary>
    public static string FormatUtc(Instant instant) =>
        instant.InUtc().LocalDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static IcalFormatException Error(string reason, CalendarProperty property) =>
        new(reason, property.Line, 0);

    private static LocalDateTime Build(int year, int month, int day, int hour, int minute, int second, CalendarProperty property)
    {
        // RFC 5545 allows second 60 (leap second); NodaTime has none, so it is read as the last second.
        if (second == 60)
        {
            second = 59;
        }
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            throw Error($"'{property.RawValue}' is not a valid date or time", property);
        }
        return new LocalDateTime(year, month, day, hour, minute, second);
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
