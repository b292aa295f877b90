using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// The current period of an expansion: the year, month, week (starting on WKST), day, hour, minute
/// or second that is INTERVAL periods after the previous one, counted from DTSTART's period
/// (RFC 5545 3.3.10 INTERVAL). Kept as plain numbers so that jumping ahead is arithmetic.
/// </summary>
internal struct PeriodCursor
{
    private const long SecondsPerDay = 86_400;
    private static readonly long MaxDayNumber = DateOnly.MaxValue.DayNumber;

    private readonly RecurrenceFrequency _frequency;
    private readonly long _interval;
    private readonly long _unitSeconds;
    private readonly long _step;
    // Years for YEARLY, months since year 0 for MONTHLY, day numbers for WEEKLY and DAILY,
    // seconds since day number 0 for the sub-daily frequencies.
    private long _position;

    public PeriodCursor(ExpansionPlan plan, LocalDateTime dtStart, long periodIndex)
    {
        _frequency = plan.Frequency;
        _interval = plan.Interval;
        _unitSeconds = UnitSeconds(plan.Frequency);
        _step = _interval * UnitSize(plan.Frequency);
        _position = StartPosition(plan, dtStart) + (periodIndex * _step);
    }

    public readonly bool IsValid => _frequency switch
    {
        RecurrenceFrequency.Yearly => _position <= CalendarSystem.Iso.MaxYear,
        RecurrenceFrequency.Monthly => _position / 12 <= CalendarSystem.Iso.MaxYear,
        RecurrenceFrequency.Weekly or RecurrenceFrequency.Daily => _position <= MaxDayNumber,
        _ => _position / SecondsPerDay <= MaxDayNumber,
    };

    public readonly int Year => _frequency switch
    {
        RecurrenceFrequency.Yearly => (int)_position,
        RecurrenceFrequency.Monthly => (int)(_position / 12),
        _ => throw new InvalidOperationException("Only yearly and monthly periods are addressed by year."),
    };

    public readonly int Month => (int)(_position % 12) + 1;

    /// <summary>Day number (as <see cref="DateOnly.DayNumber"/>) of the period's first day.</summary>
    public readonly int FirstDayNumber => _frequency switch
    {
        RecurrenceFrequency.Yearly => new DateOnly((int)_position, 1, 1).DayNumber,
        RecurrenceFrequency.Monthly => new DateOnly(Year, Month, 1).DayNumber,
        RecurrenceFrequency.Weekly or RecurrenceFrequency.Daily => (int)_position,
        _ => (int)(_position / SecondsPerDay),
    };

    /// <summary>Second of the day the period starts at: 0 except for sub-daily frequencies.</summary>
    public readonly int BaseSecondOfDay => _unitSeconds == 0 ? 0 : (int)(_position % SecondsPerDay);

    public void Advance() => _position += _step;

    /// <summary>Sub-daily only: moves to the first period starting at or after an absolute second.</summary>
    public void SkipTo(long absoluteSecond)
    {
        long steps = (absoluteSecond - _position + _step - 1) / _step;
        _position += Math.Max(1, steps) * _step;
    }

    /// <summary>How many INTERVAL steps after DTSTART's period the period containing <paramref name="from"/> is.</summary>
    public static long PeriodIndexContaining(ExpansionPlan plan, LocalDateTime dtStart, LocalDateTime from)
    {
        long start = StartPosition(plan, dtStart);
        long target = StartPosition(plan, from);
        long distance = (target - start) / UnitSize(plan.Frequency);
        return Math.Max(0, distance / plan.Interval);
    }

    private static long StartPosition(ExpansionPlan plan, LocalDateTime dt)
    {
        long dayNumber = dt.Date.ToDateOnly().DayNumber;
        switch (plan.Frequency)
        {
            case RecurrenceFrequency.Yearly:
                return dt.Year;
            case RecurrenceFrequency.Monthly:
                return (dt.Year * 12L) + dt.Month - 1;
            case RecurrenceFrequency.Weekly:
                // The week containing the date, starting on WKST.
                return dayNumber - ((((int)dt.DayOfWeek - (int)plan.WeekStart) + 7) % 7);
            case RecurrenceFrequency.Daily:
                return dayNumber;
            default:
                long second = (dayNumber * SecondsPerDay) + (dt.Hour * 3600L) + (dt.Minute * 60L) + dt.Second;
                long unit = UnitSeconds(plan.Frequency);
                return second - (second % unit);
        }
    }

    /// <summary>One period in the units of the position: a week is 7 day numbers, an hour 3600 seconds.</summary>
    private static long UnitSize(RecurrenceFrequency frequency) => frequency switch
    {
        RecurrenceFrequency.Weekly => 7,
        RecurrenceFrequency.Yearly or RecurrenceFrequency.Monthly or RecurrenceFrequency.Daily => 1,
        _ => UnitSeconds(frequency),
    };

    private static long UnitSeconds(RecurrenceFrequency frequency) => frequency switch
    {
        RecurrenceFrequency.Hourly => 3600,
        RecurrenceFrequency.Minutely => 60,
        RecurrenceFrequency.Secondly => 1,
        _ => 0,
    };
}
