using NodaTime;

namespace AuroraTime.Ical.Values;

/// <summary>A UTC-OFFSET value (RFC 5545 section 3.3.14): <c>+HHMM</c> or <c>+HHMMSS</c>, sign required.</summary>
public static class UtcOffsetValue
{
    /// <exception cref="IcalFormatException">Not a UTC offset (line and column 0).</exception>
    public static Offset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var offset))
        {
            return offset;
        }
        throw ValueErrors.Invalid("UTC-OFFSET", text);
    }

    public static bool TryParse(string? text, out Offset offset)
    {
        offset = Offset.Zero;
        if (text is null)
        {
            return false;
        }
        var s = text.AsSpan().Trim();
        if ((s.Length != 5 && s.Length != 7) || (s[0] != '+' && s[0] != '-'))
        {
            return false;
        }
        var total = 0;
        var factors = s.Length == 7 ? stackalloc int[] { 3600, 60, 1 } : stackalloc int[] { 3600, 60 };
        for (var i = 0; i < factors.Length; i++)
        {
            var hi = s[1 + (2 * i)] - '0';
            var lo = s[2 + (2 * i)] - '0';
            if (hi is < 0 or > 9 || lo is < 0 or > 9)
            {
                return false;
            }
            var part = (hi * 10) + lo;
            if (i > 0 && part > 59)
            {
                return false;
            }
            total += part * factors[i];
        }
        // "-0000" is forbidden by the RFC but harmless; it is read as zero. NodaTime caps offsets at 18 hours.
        if (total > 18 * 3600)
        {
            return false;
        }
        offset = Offset.FromSeconds(s[0] == '-' ? -total : total);
        return true;
    }

    /// <summary><c>+0100</c>, <c>-0430</c>, or <c>+005328</c> when there are seconds.</summary>
    public static string Format(Offset offset)
    {
        var total = offset.Seconds;
        var sign = total < 0 ? '-' : '+';
        total = Math.Abs(total);
        var hours = total / 3600;
        var minutes = total / 60 % 60;
        var seconds = total % 60;
        return seconds == 0
            ? $"{sign}{hours:00}{minutes:00}"
            : $"{sign}{hours:00}{minutes:00}{seconds:00}";
    }
}
