using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.Values;

/// <summary>
/// A DATE (RFC 5545 section 3.3.4) or DATE-TIME (section 3.3.5) value as written: the local
/// date and time plus how it is anchored. Resolving it to an instant needs a time zone, which is
/// the job of the TimeZones folder.
/// </summary>
/// <param name="Local">The written date and time; 00:00 for a DATE.</param>
/// <param name="Kind">Floating, UTC or zoned. A DATE is always floating.</param>
/// <param name="TzId">The TZID parameter, only for <see cref="IcalTimeKind.Zoned"/>.</param>
/// <param name="IsDate">True for a DATE value (no time of day).</param>
public readonly record struct IcalDateTime(LocalDateTime Local, IcalTimeKind Kind, string? TzId, bool IsDate)
{
    /// <summary>A DATE value.</summary>
    public static IcalDateTime FromDate(LocalDate date) => new(date.AtMidnight(), IcalTimeKind.Floating, null, true);

    /// <summary>A UTC DATE-TIME value.</summary>
    public static IcalDateTime FromUtc(LocalDateTime utc) => new(utc, IcalTimeKind.Utc, null, false);

    /// <summary>A floating DATE-TIME, or a zoned one when <paramref name="tzId"/> is given.</summary>
    public static IcalDateTime FromLocal(LocalDateTime local, string? tzId = null) =>
        new(local, tzId is null ? IcalTimeKind.Floating : IcalTimeKind.Zoned, tzId, false);

    public LocalDate Date => Local.Date;

    /// <summary>
    /// Parses <c>YYYYMMDD</c> (DATE) or <c>YYYYMMDDTHHMMSS[Z]</c> (DATE-TIME).
    /// </summary>
    /// <param name="text">The value text.</param>
    /// <param name="tzId">The TZID parameter, if any. Ignored for DATE and UTC values (RFC 5545
    /// section 3.2.19: TZID is not applied to UTC times).</param>
    /// <param name="valueIsDate">True when VALUE=DATE, false when VALUE=DATE-TIME, null to decide
    /// by the text. Null is the lenient choice real data needs: an EXDATE written as a bare
    /// 8-digit date on a DATE-TIME event.</param>
    /// <exception cref="IcalFormatException">The text is not a valid DATE or DATE-TIME (line and column 0).</exception>
    public static IcalDateTime Parse(string text, string? tzId = null, bool? valueIsDate = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, tzId, valueIsDate, out var value))
        {
            return value;
        }
        throw ValueErrors.Invalid(valueIsDate == true ? "DATE" : "DATE-TIME", text);
    }

    /// <summary>Like <see cref="Parse"/> without throwing.</summary>
    public static bool TryParse(string text, string? tzId, bool? valueIsDate, out IcalDateTime value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        var span = text.AsSpan();
        if (span.Length == 8)
        {
            if (valueIsDate == false || !TryParseDate(span, out var date))
            {
                return false;
            }
            value = FromDate(date);
            return true;
        }
        if (valueIsDate == true || (span.Length != 15 && span.Length != 16) || (span[8] != 'T' && span[8] != 't'))
        {
            return false;
        }
        var utc = span.Length == 16;
        if (utc && span[15] != 'Z' && span[15] != 'z')
        {
            return false;
        }
        if (!TryParseDate(span[..8], out var day)
            || !TryDigits(span.Slice(9, 2), out var hour) || hour > 23
            || !TryDigits(span.Slice(11, 2), out var minute) || minute > 59
            || !TryDigits(span.Slice(13, 2), out var second) || second > 60)
        {
            return false;
        }
        // RFC 5545 3.3.5 allows a leap second (60); NodaTime has none, so it becomes :59.
        var local = day + new LocalTime(hour, minute, Math.Min(second, 59));
        var zone = tzId?.Trim();
        value = utc ? FromUtc(local) : FromLocal(local, string.IsNullOrEmpty(zone) ? null : zone);
        return true;
    }

    /// <summary>
    /// Reads a DTSTART/DTEND/DUE/RECURRENCE-ID-like property, honouring VALUE=DATE / DATE-TIME and TZID.
    /// </summary>
    /// <exception cref="IcalFormatException">The value is invalid; carries the property's line.</exception>
    public static IcalDateTime FromProperty(CalendarProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var valueIsDate = ValueTypeIsDate(property);
        if (TryParse(property.RawValue.Trim(), property.GetParameterValue("TZID"), valueIsDate, out var value))
        {
            return value;
        }
        throw ValueErrors.Invalid(property.Name, property.RawValue, property.Line);
    }

    /// <summary>The value text: <c>20240101</c>, <c>20240101T090000</c> or <c>20240101T090000Z</c>.</summary>
    public string ToValueString()
    {
        var d = Local;
        if (IsDate)
        {
            return string.Create(8, d, static (s, v) => WriteDate(s, v));
        }
        return string.Create(Kind == IcalTimeKind.Utc ? 16 : 15, this, static (s, v) =>
        {
            WriteDate(s, v.Local);
            s[8] = 'T';
            Write2(s[9..], v.Local.Hour);
            Write2(s[11..], v.Local.Minute);
            Write2(s[13..], v.Local.Second);
            if (v.Kind == IcalTimeKind.Utc)
            {
                s[15] = 'Z';
            }
        });
    }

    public override string ToString() => TzId is null ? ToValueString() : $"TZID={TzId}:{ToValueString()}";

    internal static bool? ValueTypeIsDate(CalendarProperty property)
    {
        var valueType = property.GetParameterValue("VALUE");
        if (valueType is null)
        {
            return null;
        }
        if (valueType.Equals("DATE", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return valueType.Equals("DATE-TIME", StringComparison.OrdinalIgnoreCase) ? false : null;
    }

    private static bool TryParseDate(ReadOnlySpan<char> span, out LocalDate date)
    {
        date = default;
        if (!TryDigits(span[..4], out var year) || !TryDigits(span.Slice(4, 2), out var month)
            || !TryDigits(span.Slice(6, 2), out var day))
        {
            return false;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        date = new LocalDate(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    private static void WriteDate(Span<char> s, LocalDateTime v)
    {
        var year = v.Year;
        s[0] = (char)('0' + (year / 1000 % 10));
        s[1] = (char)('0' + (year / 100 % 10));
        s[2] = (char)('0' + (year / 10 % 10));
        s[3] = (char)('0' + (year % 10));
        Write2(s[4..], v.Month);
        Write2(s[6..], v.Day);
    }

    private static void Write2(Span<char> s, int value)
    {
        s[0] = (char)('0' + (value / 10));
        s[1] = (char)('0' + (value % 10));
    }
}
