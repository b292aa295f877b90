using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// Reads the RRULE value grammar of RFC 5545 section 3.3.10. Lenient where real producers deviate
/// harmlessly (lower case, a trailing or doubled semicolon, an "RRULE:" prefix, repeated list values,
/// a part repeated with the same value); strict where the RFC says MUST or MUST NOT.
/// </summary>
internal static class RecurrenceRuleParser
{
    public static bool TryParse(string text, out RecurrenceRule? rule, out string? error)
    {
        rule = null;
        error = Parse(text, out var parsed);
        if (error is not null)
        {
            return false;
        }
        error = RecurrenceRuleValidator.Validate(parsed!);
        if (error is not null)
        {
            return false;
        }
        rule = parsed;
        return true;
    }

    private static string? Parse(string text, out RecurrenceRule? rule)
    {
        rule = null;
        var body = text.AsSpan().Trim();
        if (body.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            body = body[6..];
        }
        if (body.IsEmpty)
        {
            return "The recurrence rule is empty.";
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new RecurrenceRule();
        var extensions = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        bool hasFrequency = false;

        foreach (var range in body.Split(';'))
        {
            var part = body[range].Trim();
            if (part.IsEmpty)
            {
                continue; // "FREQ=DAILY;" and "FREQ=DAILY;;COUNT=2" are harmless
            }
            int equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return $"Rule part '{part}' is not NAME=VALUE.";
            }
            string name = part[..equals].Trim().ToString().ToUpperInvariant();
            string value = part[(equals + 1)..].Trim().ToString();
            if (seen.TryGetValue(name, out var earlier))
            {
                if (string.Equals(earlier, value, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                return $"Rule part {name} appears twice with different values (RFC 5545 3.3.10: MUST NOT occur more than once).";
            }
            seen.Add(name, value);

            string? error = null;
            switch (name)
            {
                case "FREQ":
                    error = ParseFrequency(value, out var frequency);
                    result = result with { Frequency = frequency };
                    hasFrequency = error is null;
                    break;
                case "INTERVAL":
                    error = ParseInteger(name, value, out var interval);
                    result = result with { Interval = interval };
                    break;
                case "COUNT":
                    error = ParseInteger(name, value, out var count);
                    result = result with { Count = count };
                    break;
                case "UNTIL":
                    error = ParseUntil(value, out var until, out var untilKind);
                    result = result with { Until = until, UntilKind = untilKind };
                    break;
                case "BYSECOND":
                    error = ParseIntegerList(name, value, out var seconds);
                    result = result with { BySecond = seconds };
                    break;
                case "BYMINUTE":
                    error = ParseIntegerList(name, value, out var minutes);
                    result = result with { ByMinute = minutes };
                    break;
                case "BYHOUR":
                    error = ParseIntegerList(name, value, out var hours);
                    result = result with { ByHour = hours };
                    break;
                case "BYDAY":
                    error = ParseWeekdayList(value, out var days);
                    result = result with { ByDay = days };
                    break;
                case "BYMONTHDAY":
                    error = ParseIntegerList(name, value, out var monthDays);
                    result = result with { ByMonthDay = monthDays };
                    break;
                case "BYYEARDAY":
                    error = ParseIntegerList(name, value, out var yearDays);
                    result = result with { ByYearDay = yearDays };
                    break;
                case "BYWEEKNO":
                    error = ParseIntegerList(name, value, out var weeks);
                    result = result with { ByWeekNo = weeks };
                    break;
                case "BYMONTH":
                    error = ParseIntegerList(name, value, out var months);
                    result = result with { ByMonth = months };
                    break;
                case "BYSETPOS":
                    error = ParseIntegerList(name, value, out var positions);
                    result = result with { BySetPos = positions };
                    break;
                case "WKST":
                    if (!WeekdayCodes.TryParse(value, out var weekStart))
                    {
                        error = $"WKST value '{value}' is not a weekday (MO, TU, WE, TH, FR, SA, SU).";
                    }
                    result = result with { WeekStart = weekStart };
                    break;
                default:
                    if (name.StartsWith("X-", StringComparison.Ordinal))
                    {
                        extensions.Add(new KeyValuePair<string, string>(name, value));
                        break;
                    }
                    error = $"Unknown rule part '{name}'.";
                    break;
            }
            if (error is not null)
            {
                return error;
            }
        }

        if (!hasFrequency)
        {
            return "The recurrence rule has no FREQ part (RFC 5545 3.3.10: FREQ is REQUIRED).";
        }
        rule = result with { ExtensionParts = extensions.ToImmutable() };
        return null;
    }

    private static string? ParseFrequency(string value, out RecurrenceFrequency frequency)
    {
        frequency = RecurrenceFrequency.Daily;
        switch (value.ToUpperInvariant())
        {
            case "SECONDLY": frequency = RecurrenceFrequency.Secondly; return null;
            case "MINUTELY": frequency = RecurrenceFrequency.Minutely; return null;
            case "HOURLY": frequency = RecurrenceFrequency.Hourly; return null;
            case "DAILY": frequency = RecurrenceFrequency.Daily; return null;
            case "WEEKLY": frequency = RecurrenceFrequency.Weekly; return null;
            case "MONTHLY": frequency = RecurrenceFrequency.Monthly; return null;
            case "YEARLY": frequency = RecurrenceFrequency.Yearly; return null;
            default: return $"FREQ value '{value}' is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY.";
        }
    }

    private static string? ParseInteger(string name, string value, out int number)
    {
        if (!TryParseSignedInteger(value, out number))
        {
            return $"{name} value '{value}' is not an integer.";
        }
        return null;
    }

    private static bool TryParseSignedInteger(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        // RFC 5545 allows an explicit '+' or '-' before the digits, nothing else (no spaces, no decimals).
        if (text.IsEmpty || text.Length > 11)
        {
            return false;
        }
        int start = text[0] is '+' or '-' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }
        for (int i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    private static string? ParseIntegerList(string name, string value, out ImmutableArray<int> numbers)
    {
        numbers = ImmutableArray<int>.Empty;
        var span = value.AsSpan();
        var list = new List<int>();
        foreach (var range in span.Split(','))
        {
            var item = span[range].Trim();
            if (item.IsEmpty)
            {
                continue; // "1,,2" or a trailing comma: harmless
            }
            if (!TryParseSignedInteger(item, out int number))
            {
                return $"{name} value '{item}' is not an integer.";
            }
            if (!list.Contains(number))
            {
                list.Add(number);
            }
        }
        if (list.Count == 0)
        {
            return $"{name} has no values.";
        }
        list.Sort();
        numbers = list.ToImmutableArray();
        return null;
    }

    private static string? ParseWeekdayList(string value, out ImmutableArray<WeekdayNum> days)
    {
        days = ImmutableArray<WeekdayNum>.Empty;
        var span = value.AsSpan();
        var list = new List<WeekdayNum>();
        foreach (var range in span.Split(','))
        {
            var item = span[range].Trim();
            if (item.IsEmpty)
            {
                continue;
            }
            if (item.Length < 2 || !WeekdayCodes.TryParse(item[^2..], out var day))
            {
                return $"BYDAY value '{item}' does not end in a weekday (MO, TU, WE, TH, FR, SA, SU).";
            }
            int offset = 0;
            var ordinal = item[..^2];
            if (!ordinal.IsEmpty)
            {
                if (!TryParseSignedInteger(ordinal, out offset) || offset == 0)
                {
                    return $"BYDAY value '{item}' has an invalid ordinal (RFC 5545: +/- 1 to 53).";
                }
            }
            var entry = new WeekdayNum(offset, day);
            if (!list.Contains(entry))
            {
                list.Add(entry);
            }
        }
        if (list.Count == 0)
        {
            return "BYDAY has no values.";
        }
        list.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Day.CompareTo(b.Day));
        days = list.ToImmutableArray();
        return null;
    }

    private static string? ParseUntil(string value, out LocalDateTime? until, out RecurrenceUntilKind kind)
    {
        until = null;
        kind = RecurrenceUntilKind.None;
        var text = value.AsSpan();
        bool utc = text.Length > 0 && (text[^1] == 'Z' || text[^1] == 'z');
        if (utc)
        {
            text = text[..^1];
        }
        if (text.Length != 8 && !(text.Length == 15 && (text[8] == 'T' || text[8] == 't')))
        {
            return $"UNTIL value '{value}' is not a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS[Z]).";
        }
        if (!TryDigits(text[..4], out int year) || !TryDigits(text[4..6], out int month) || !TryDigits(text[6..8], out int day))
        {
            return $"UNTIL value '{value}' has a malformed date.";
        }
        int hour = 0, minute = 0, second = 0;
        if (text.Length == 15
            && (!TryDigits(text[9..11], out hour) || !TryDigits(text[11..13], out minute) || !TryDigits(text[13..15], out second)))
        {
            return $"UNTIL value '{value}' has a malformed time.";
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return $"UNTIL value '{value}' is not a valid date or time.";
        }
        if (text.Length == 8 && utc)
        {
            return $"UNTIL value '{value}' is a DATE with a UTC designator.";
        }
        // A leap second (60) cannot be represented; the instant before it bounds the same instances.
        until = new LocalDateTime(year, month, day, hour, minute, Math.Min(second, 59));
        kind = text.Length == 8 ? RecurrenceUntilKind.Date : utc ? RecurrenceUntilKind.Utc : RecurrenceUntilKind.Floating;
        return null;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            number = (number * 10) + (c - '0');
        }
        return true;
    }
}
