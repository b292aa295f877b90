using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// Per-year lookup tables for the expander, indexed by 0-based day of year: month, day of month,
/// weekday and, when BYWEEKNO is used, the week number relative to WKST. Filled once per year and
/// reused, so that testing a candidate day is a few array reads and no allocation.
/// </summary>
internal sealed class YearLayout
{
    private readonly byte[] _monthOf = new byte[366];
    private readonly byte[] _dayOfMonth = new byte[366];
    private readonly sbyte[] _weekNo = new sbyte[366];
    private readonly sbyte[] _negativeWeekNo = new sbyte[366];
    private readonly int[] _monthStart = new int[14];

    public int Year { get; private set; } = int.MinValue;
    public int Length { get; private set; }

    /// <summary>ISO weekday (1 = Monday) of January 1st.</summary>
    public int FirstWeekday { get; private set; }

    public void Fill(int year, IsoDayOfWeek weekStart, bool withWeekNumbers)
    {
        Year = year;
        var calendar = CalendarSystem.Iso;
        Length = calendar.GetDaysInYear(year);
        FirstWeekday = (int)new LocalDate(year, 1, 1).DayOfWeek;
        int doy = 0;
        for (int month = 1; month <= 12; month++)
        {
            _monthStart[month] = doy;
            int days = calendar.GetDaysInMonth(year, month);
            for (int day = 1; day <= days; day++, doy++)
            {
                _monthOf[doy] = (byte)month;
                _dayOfMonth[doy] = (byte)day;
            }
        }
        _monthStart[13] = doy;
        if (withWeekNumbers)
        {
            FillWeekNumbers(year, weekStart);
        }
    }

    public int MonthOf(int dayOfYear) => _monthOf[dayOfYear];
    public int DayOfMonth(int dayOfYear) => _dayOfMonth[dayOfYear];
    public int MonthStart(int month) => _monthStart[month];
    public int DaysInMonth(int month) => _monthStart[month + 1] - _monthStart[month];

    /// <summary>ISO weekday (1 = Monday .. 7 = Sunday) of a day of this year.</summary>
    public int WeekdayOf(int dayOfYear) => ((FirstWeekday - 1 + dayOfYear) % 7) + 1;

    /// <summary>Week number 1..53 of the week-numbering year the day belongs to (may be the neighbour year).</summary>
    public int WeekNo(int dayOfYear) => _weekNo[dayOfYear];

    /// <summary>The same week counted from the end of its week-numbering year (-1 = last week).</summary>
    public int NegativeWeekNo(int dayOfYear) => _negativeWeekNo[dayOfYear];

    public LocalDate DateOf(int dayOfYear) => new(Year, _monthOf[dayOfYear], _dayOfMonth[dayOfYear]);

    /// <summary>
    /// RFC 5545 3.3.10 (BYWEEKNO): "A week is defined as a seven day period, starting on the day of the
    /// week defined to be the week start (see WKST). Week number one of the calendar year is the first
    /// week that contains at least four (4) days in that calendar year."
    /// </summary>
    private void FillWeekNumbers(int year, IsoDayOfWeek weekStart)
    {
        int firstWeekStart = FirstWeekStart(FirstWeekday, weekStart);
        int nextYearFirstWeekday = ((FirstWeekday - 1 + Length) % 7) + 1;
        int nextFirstWeekStart = Length + FirstWeekStart(nextYearFirstWeekday, weekStart);
        int weeksInYear = (nextFirstWeekStart - firstWeekStart) / 7;

        var calendar = CalendarSystem.Iso;
        int previousLength = year > calendar.MinYear ? calendar.GetDaysInYear(year - 1) : 365;
        int previousFirstWeekday = ((((FirstWeekday - 1 - previousLength) % 7) + 7) % 7) + 1;
        int weeksInPreviousYear = (previousLength + firstWeekStart - FirstWeekStart(previousFirstWeekday, weekStart)) / 7;

        int nextLength = year < calendar.MaxYear ? calendar.GetDaysInYear(year + 1) : 365;
        int afterNextFirstWeekday = ((nextYearFirstWeekday - 1 + nextLength) % 7) + 1;
        int weeksInNextYear = (nextLength + FirstWeekStart(afterNextFirstWeekday, weekStart) - (nextFirstWeekStart - Length)) / 7;

        for (int doy = 0; doy < Length; doy++)
        {
            if (doy < firstWeekStart)
            {
                _weekNo[doy] = (sbyte)weeksInPreviousYear;
                _negativeWeekNo[doy] = -1;
            }
            else if (doy >= nextFirstWeekStart)
            {
                _weekNo[doy] = 1;
                _negativeWeekNo[doy] = (sbyte)(-weeksInNextYear);
            }
            else
            {
                int week = ((doy - firstWeekStart) / 7) + 1;
                _weekNo[doy] = (sbyte)week;
                _negativeWeekNo[doy] = (sbyte)(week - weeksInYear - 1);
            }
        }
    }

    /// <summary>Day of year (may be negative) on which week 1 starts.</summary>
    private static int FirstWeekStart(int januaryFirstWeekday, IsoDayOfWeek weekStart)
    {
        int daysAfterWeekStart = ((januaryFirstWeekday - (int)weekStart) + 7) % 7;
        // The week holding January 1st has 7 - daysAfterWeekStart days in the year; it is week 1 if that is 4 or more.
        return daysAfterWeekStart <= 3 ? -daysAfterWeekStart : 7 - daysAfterWeekStart;
    }
}
