using System.Collections.Immutable;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// The MUST and MUST NOT statements of RFC 5545 section 3.3.10 that a parsed rule has to satisfy.
/// Returns the first violation as a message, or null.
/// </summary>
internal static class RecurrenceRuleValidator
{
    public static string? Validate(RecurrenceRule rule)
    {
        if (rule.Interval < 1)
        {
            return $"INTERVAL must be a positive integer, not {rule.Interval}.";
        }
        if (rule.Count is < 1)
        {
            return $"COUNT must be a positive integer, not {rule.Count}.";
        }
        if (rule.Count is not null && rule.Until is not null)
        {
            // "The UNTIL or COUNT rule parts are OPTIONAL, but they MUST NOT occur in the same 'recur'."
            return "COUNT and UNTIL must not both be present (RFC 5545 3.3.10).";
        }
        return CheckRange("BYSECOND", rule.BySecond, 0, 60, allowNegative: false)
            ?? CheckRange("BYMINUTE", rule.ByMinute, 0, 59, allowNegative: false)
            ?? CheckRange("BYHOUR", rule.ByHour, 0, 23, allowNegative: false)
            ?? CheckRange("BYMONTHDAY", rule.ByMonthDay, 1, 31, allowNegative: true)
            ?? CheckRange("BYYEARDAY", rule.ByYearDay, 1, 366, allowNegative: true)
            ?? CheckRange("BYWEEKNO", rule.ByWeekNo, 1, 53, allowNegative: true)
            ?? CheckRange("BYMONTH", rule.ByMonth, 1, 12, allowNegative: false)
            ?? CheckRange("BYSETPOS", rule.BySetPos, 1, 366, allowNegative: true)
            ?? CheckByDay(rule)
            ?? CheckFrequencyCombinations(rule);
    }

    private static string? CheckRange(string name, ImmutableArray<int> values, int min, int max, bool allowNegative)
    {
        foreach (int value in values)
        {
            int magnitude = allowNegative ? Math.Abs(value) : value;
            if (magnitude < min || magnitude > max)
            {
                string range = allowNegative ? $"{min} to {max} or -{max} to -{min}" : $"{min} to {max}";
                return $"{name} value {value} is out of range ({range}).";
            }
        }
        return null;
    }

    private static string? CheckByDay(RecurrenceRule rule)
    {
        foreach (var day in rule.ByDay)
        {
            if (day.Offset == 0)
            {
                continue;
            }
            if (Math.Abs(day.Offset) > 53)
            {
                return $"BYDAY ordinal {day.Offset} is out of range (1 to 53 or -53 to -1).";
            }
            // "The BYDAY rule part MUST NOT be specified with a numeric value when the FREQ rule part is
            // not set to MONTHLY or YEARLY. Furthermore, the BYDAY rule part MUST NOT be specified with a
            // numeric value with the FREQ rule part set to YEARLY when the BYWEEKNO rule part is specified."
            if (rule.Frequency is not (RecurrenceFrequency.Monthly or RecurrenceFrequency.Yearly))
            {
                return $"BYDAY ordinal {day} is only allowed with FREQ=MONTHLY or FREQ=YEARLY (RFC 5545 3.3.10).";
            }
            if (rule.Frequency == RecurrenceFrequency.Yearly && !rule.ByWeekNo.IsDefaultOrEmpty)
            {
                return $"BYDAY ordinal {day} is not allowed with FREQ=YEARLY and BYWEEKNO (RFC 5545 3.3.10).";
            }
        }
        return null;
    }

    private static string? CheckFrequencyCombinations(RecurrenceRule rule)
    {
        // "The BYMONTHDAY rule part MUST NOT be specified when the FREQ rule part is set to WEEKLY."
        if (!rule.ByMonthDay.IsDefaultOrEmpty && rule.Frequency == RecurrenceFrequency.Weekly)
        {
            return "BYMONTHDAY is not allowed with FREQ=WEEKLY (RFC 5545 3.3.10).";
        }
        // "The BYYEARDAY rule part MUST NOT be specified when the FREQ rule part is set to DAILY, WEEKLY, or MONTHLY."
        if (!rule.ByYearDay.IsDefaultOrEmpty
            && rule.Frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly or RecurrenceFrequency.Monthly)
        {
            return "BYYEARDAY is not allowed with FREQ=DAILY, WEEKLY or MONTHLY (RFC 5545 3.3.10).";
        }
        // "This rule part MUST NOT be used when the FREQ rule part is set to anything other than YEARLY."
        if (!rule.ByWeekNo.IsDefaultOrEmpty && rule.Frequency != RecurrenceFrequency.Yearly)
        {
            return "BYWEEKNO is only allowed with FREQ=YEARLY (RFC 5545 3.3.10).";
        }
        // "It MUST only be used in conjunction with another BYxxx rule part."
        if (!rule.BySetPos.IsDefaultOrEmpty
            && rule.BySecond.IsDefaultOrEmpty && rule.ByMinute.IsDefaultOrEmpty && rule.ByHour.IsDefaultOrEmpty
            && rule.ByDay.IsDefaultOrEmpty && rule.ByMonthDay.IsDefaultOrEmpty && rule.ByYearDay.IsDefaultOrEmpty
            && rule.ByWeekNo.IsDefaultOrEmpty && rule.ByMonth.IsDefaultOrEmpty)
        {
            return "BYSETPOS must be used together with another BYxxx rule part (RFC 5545 3.3.10).";
        }
        return null;
    }
}
