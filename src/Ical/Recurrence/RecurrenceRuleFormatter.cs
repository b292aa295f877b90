using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace AuroraTime.Ical.Recurrence;

/// <summary>Writes the canonical RRULE value text (RFC 5545 section 3.3.10 grammar order).</summary>
internal static class RecurrenceRuleFormatter
{
    public static string Format(RecurrenceRule rule)
    {
        var text = new StringBuilder(64);
        text.Append("FREQ=").Append(FrequencyName(rule.Frequency));
        if (rule.Until is { } until)
        {
            text.Append(";UNTIL=").Append(FormatUntil(until, rule.UntilKind));
        }
        if (rule.Count is { } count)
        {
            text.Append(";COUNT=").Append(count.ToString(CultureInfo.InvariantCulture));
        }
        if (rule.Interval != 1)
        {
            text.Append(";INTERVAL=").Append(rule.Interval.ToString(CultureInfo.InvariantCulture));
        }
        AppendList(text, "BYSECOND", rule.BySecond);
        AppendList(text, "BYMINUTE", rule.ByMinute);
        AppendList(text, "BYHOUR", rule.ByHour);
        if (!rule.ByDay.IsDefaultOrEmpty)
        {
            text.Append(";BYDAY=");
            for (int i = 0; i < rule.ByDay.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                text.Append(rule.ByDay[i].ToString());
            }
        }
        AppendList(text, "BYMONTHDAY", rule.ByMonthDay);
        AppendList(text, "BYYEARDAY", rule.ByYearDay);
        AppendList(text, "BYWEEKNO", rule.ByWeekNo);
        AppendList(text, "BYMONTH", rule.ByMonth);
        AppendList(text, "BYSETPOS", rule.BySetPos);
        if (rule.WeekStart != NodaTime.IsoDayOfWeek.Monday)
        {
            text.Append(";WKST=").Append(WeekdayCodes.Format(rule.WeekStart));
        }
        if (!rule.ExtensionParts.IsDefaultOrEmpty)
        {
            foreach (var part in rule.ExtensionParts)
            {
                text.Append(';').Append(part.Key).Append('=').Append(part.Value);
            }
        }
        return text.ToString();
    }

    public static string FrequencyName(RecurrenceFrequency frequency) => frequency switch
    {
        RecurrenceFrequency.Secondly => "SECONDLY",
        RecurrenceFrequency.Minutely => "MINUTELY",
        RecurrenceFrequency.Hourly => "HOURLY",
        RecurrenceFrequency.Daily => "DAILY",
        RecurrenceFrequency.Weekly => "WEEKLY",
        RecurrenceFrequency.Monthly => "MONTHLY",
        RecurrenceFrequency.Yearly => "YEARLY",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
    };

    private static string FormatUntil(NodaTime.LocalDateTime until, RecurrenceUntilKind kind)
    {
        string date = until.Year.ToString("D4", CultureInfo.InvariantCulture)
            + until.Month.ToString("D2", CultureInfo.InvariantCulture)
            + until.Day.ToString("D2", CultureInfo.InvariantCulture);
        if (kind == RecurrenceUntilKind.Date)
        {
            return date;
        }
        string time = "T" + until.Hour.ToString("D2", CultureInfo.InvariantCulture)
            + until.Minute.ToString("D2", CultureInfo.InvariantCulture)
            + until.Second.ToString("D2", CultureInfo.InvariantCulture);
        return kind == RecurrenceUntilKind.Utc ? date + time + "Z" : date + time;
    }

    private static void AppendList(StringBuilder text, string name, ImmutableArray<int> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }
        text.Append(';').Append(name).Append('=');
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            text.Append(values[i].ToString(CultureInfo.InvariantCulture));
        }
    }
}
