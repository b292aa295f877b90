using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// A rule turned into lookup masks once per expansion, with the values the rule leaves out taken from
/// DTSTART. RFC 5545 3.3.10: "Information, not contained in the rule, necessary to determine the
/// various recurrence instance start time and dates are derived from the Start Time ("DTSTART")
/// component attribute." Every BYxxx part, whether the RFC table calls it "expand" or "limit" for
/// the frequency, becomes a filter over the days and times of one period: filtering every day of the
/// period gives the same set as expanding, and keeps one code path for all frequencies.
/// </summary>
internal sealed class ExpansionPlan
{
    public ExpansionPlan(RecurrenceRule rule, LocalDateTime dtStart)
    {
        Frequency = rule.Frequency;
        Interval = rule.Interval;
        WeekStart = rule.WeekStart;

        bool hasDayPart = !rule.ByWeekNo.IsDefaultOrEmpty || !rule.ByYearDay.IsDefaultOrEmpty
            || !rule.ByMonthDay.IsDefaultOrEmpty || !rule.ByDay.IsDefaultOrEmpty;

        var months = rule.ByMonth;
        var monthDays = rule.ByMonthDay;
        var weekdays = rule.ByDay;
        if (Frequency == RecurrenceFrequency.Yearly && !hasDayPart)
        {
            // FREQ=YEARLY alone or with BYMONTH only: the month (if missing) and day come from DTSTART.
            if (months.IsDefaultOrEmpty)
            {
                months = [dtStart.Month];
            }
            monthDays = [dtStart.Day];
        }
        else if (Frequency == RecurrenceFrequency.Yearly && !rule.ByWeekNo.IsDefaultOrEmpty
            && rule.ByYearDay.IsDefaultOrEmpty && rule.ByMonthDay.IsDefaultOrEmpty && rule.ByDay.IsDefaultOrEmpty)
        {
            // BYWEEKNO alone names weeks; the day within the week is DTSTART's weekday.
            weekdays = [new WeekdayNum(0, dtStart.DayOfWeek)];
        }
        else if (Frequency == RecurrenceFrequency.Monthly && rule.ByMonthDay.IsDefaultOrEmpty && rule.ByDay.IsDefaultOrEmpty)
        {
            monthDays = [dtStart.Day];
        }
        else if (Frequency == RecurrenceFrequency.Weekly && rule.ByDay.IsDefaultOrEmpty)
        {
            weekdays = [new WeekdayNum(0, dtStart.DayOfWeek)];
        }

        if (!months.IsDefaultOrEmpty)
        {
            MonthMask = new bool[13];
            foreach (int month in months)
            {
                MonthMask[month] = true;
            }
        }
        if (!rule.ByWeekNo.IsDefaultOrEmpty)
        {
            WeekNoMask = new bool[54];
            NegativeWeekNoMask = new bool[54];
            foreach (int week in rule.ByWeekNo)
            {
                (week > 0 ? WeekNoMask : NegativeWeekNoMask)[Math.Abs(week)] = true;
            }
        }
        if (!rule.ByYearDay.IsDefaultOrEmpty)
        {
            YearDayMask = new bool[367];
            NegativeYearDayMask = new bool[367];
            foreach (int day in rule.ByYearDay)
            {
                (day > 0 ? YearDayMask : NegativeYearDayMask)[Math.Abs(day)] = true;
            }
        }
        if (!monthDays.IsDefaultOrEmpty)
        {
            MonthDayMask = new bool[32];
            NegativeMonthDayMask = new bool[32];
            foreach (int day in monthDays)
            {
                (day > 0 ? MonthDayMask : NegativeMonthDayMask)[Math.Abs(day)] = true;
            }
        }
        if (!weekdays.IsDefaultOrEmpty)
        {
            WeekdayMask = new bool[8];
            var ordinals = new List<WeekdayNum>();
            foreach (var day in weekdays)
            {
                if (day.Offset == 0)
                {
                    WeekdayMask[(int)day.Day] = true;
                }
                else
                {
                    ordinals.Add(day);
                }
            }
            OrdinalWeekdays = ordinals.ToArray();
        }

        HourMask = MaskOrNull(rule.ByHour, 24);
        MinuteMask = MaskOrNull(rule.ByMinute, 60);
        SecondMask = MaskOrNull(rule.BySecond, 61);
        TimeOffsets = BuildTimeOffsets(rule, dtStart);
        BySetPos = rule.BySetPos.IsDefaultOrEmpty ? [] : rule.BySetPos.ToArray();
    }

    public RecurrenceFrequency Frequency { get; }
    public int Interval { get; }
    public IsoDayOfWeek WeekStart { get; }

    public bool[]? MonthMask { get; }
    public bool[]? WeekNoMask { get; }
    public bool[]? NegativeWeekNoMask { get; }
    public bool[]? YearDayMask { get; }
    public bool[]? NegativeYearDayMask { get; }
    public bool[]? MonthDayMask { get; }
    public bool[]? NegativeMonthDayMask { get; }

    /// <summary>Weekdays without ordinal (index = ISO weekday), null when BYDAY is absent.</summary>
    public bool[]? WeekdayMask { get; }

    /// <summary>BYDAY entries with an ordinal; only MONTHLY and YEARLY rules have them.</summary>
    public WeekdayNum[] OrdinalWeekdays { get; } = [];

    /// <summary>BYHOUR/BYMINUTE/BYSECOND as filters; only used where they limit (frequency as fine or finer).</summary>
    public bool[]? HourMask { get; }
    public bool[]? MinuteMask { get; }
    public bool[]? SecondMask { get; }

    /// <summary>
    /// Seconds after the period's first second at which instances fall, ascending. For DAILY and
    /// coarser: seconds of the day from BYHOUR x BYMINUTE x BYSECOND (DTSTART's fields where absent);
    /// HOURLY: minute x second; MINUTELY: seconds; SECONDLY: just 0.
    /// </summary>
    public int[] TimeOffsets { get; }

    public int[] BySetPos { get; }

    /// <summary>
    /// Whether a day passes every day-level part. <paramref name="ordinalMask"/> holds the days picked
    /// by ordinal BYDAY entries in the current period (null when there are none).
    /// </summary>
    public bool DayMatches(YearLayout year, int dayOfYear, bool[]? ordinalMask)
    {
        int month = year.MonthOf(dayOfYear);
        if (MonthMask is not null && !MonthMask[month])
        {
            return false;
        }
        if (WeekNoMask is not null
            && !WeekNoMask[year.WeekNo(dayOfYear)] && !NegativeWeekNoMask![-year.NegativeWeekNo(dayOfYear)])
        {
            return false;
        }
        if (YearDayMask is not null
            && !YearDayMask[dayOfYear + 1] && !NegativeYearDayMask![year.Length - dayOfYear])
        {
            return false;
        }
        if (MonthDayMask is not null)
        {
            int day = year.DayOfMonth(dayOfYear);
            if (!MonthDayMask[day] && !NegativeMonthDayMask![year.DaysInMonth(month) - day + 1])
            {
                return false;
            }
        }
        if (WeekdayMask is not null
            && !WeekdayMask[year.WeekdayOf(dayOfYear)] && !(ordinalMask is not null && ordinalMask[dayOfYear]))
        {
            return false;
        }
        return true;
    }

    private static bool[]? MaskOrNull(System.Collections.Immutable.ImmutableArray<int> values, int size)
    {
        if (values.IsDefaultOrEmpty)
        {
            return null;
        }
        var mask = new bool[size];
        foreach (int value in values)
        {
            mask[value] = true;
        }
        return mask;
    }

    private static int[] BuildTimeOffsets(RecurrenceRule rule, LocalDateTime dtStart)
    {
        var frequency = rule.Frequency;
        // A part finer than the frequency expands; where it is absent it comes from DTSTART.
        int[] hours = frequency > RecurrenceFrequency.Hourly ? ValuesOr(rule.ByHour, dtStart.Hour, 24) : [0];
        int[] minutes = frequency > RecurrenceFrequency.Minutely ? ValuesOr(rule.ByMinute, dtStart.Minute, 60) : [0];
        // Second 60 (a leap second) cannot be represented in local time and never matches.
        int[] seconds = frequency > RecurrenceFrequency.Secondly ? ValuesOr(rule.BySecond, dtStart.Second, 60) : [0];
        var offsets = new int[hours.Length * minutes.Length * seconds.Length];
        int index = 0;
        foreach (int hour in hours)
        {
            foreach (int minute in minutes)
            {
                foreach (int second in seconds)
                {
                    offsets[index++] = frequency switch
                    {
                        RecurrenceFrequency.Hourly => (minute * 60) + second,
                        RecurrenceFrequency.Minutely => second,
                        RecurrenceFrequency.Secondly => 0,
                        _ => (hour * 3600) + (minute * 60) + second,
                    };
                }
            }
        }
        return offsets;
    }

    private static int[] ValuesOr(System.Collections.Immutable.ImmutableArray<int> values, int fallback, int limit)
    {
        if (values.IsDefaultOrEmpty)
        {
            return [fallback];
        }
        var list = new List<int>(values.Length);
        foreach (int value in values)
        {
            if (value < limit)
            {
                list.Add(value);
            }
        }
        list.Sort();
        return list.ToArray();
    }
}
