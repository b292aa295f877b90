using System.Globalization;
using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// One way to describe a yearly onset as an RFC 5545 RRULE (section 3.3.10): the n-th or last
/// weekday of a month, or a fixed day of a month, at a wall-clock time. Every onset matches a few
/// of these; a run of yearly onsets can be written as one RRULE when some signature fits them all.
/// </summary>
internal readonly record struct YearlyRuleSignature(int Month, LocalTime Time, IsoDayOfWeek? Weekday, int Ordinal, int MonthDay)
{
    /// <summary>The signatures that describe <paramref name="onset"/>, the preferred one first.</summary>
    public static IEnumerable<YearlyRuleSignature> Of(LocalDateTime onset)
    {
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(onset.Year, onset.Month);
        // "Last Sunday" is the tzdb idiom, then "second Sunday", then a fixed date.
        if (onset.Day + 7 > daysInMonth)
        {
            yield return new(onset.Month, onset.TimeOfDay, onset.DayOfWeek, -1, 0);
        }
        yield return new(onset.Month, onset.TimeOfDay, onset.DayOfWeek, ((onset.Day - 1) / 7) + 1, 0);
        yield return new(onset.Month, onset.TimeOfDay, null, 0, onset.Day);
    }

    /// <summary>The RRULE value for this signature, bounded by <paramref name="untilUtc"/> when given.</summary>
    public string ToRule(Instant? untilUtc)
    {
        var rule = Weekday is { } day
            ? string.Create(CultureInfo.InvariantCulture, $"FREQ=YEARLY;BYMONTH={Month};BYDAY={Ordinal}{WeekdayCodes.Format(day)}")
            : string.Create(CultureInfo.InvariantCulture, $"FREQ=YEARLY;BYMONTH={Month};BYMONTHDAY={MonthDay}");
        return untilUtc is { } until ? $"{rule};UNTIL={ObservanceValues.FormatUtc(until)}" : rule;
    }
}
