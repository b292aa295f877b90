using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// One expansion run: walks the rule's periods (years, months, weeks, days, hours, minutes or
/// seconds, every INTERVAL-th one from DTSTART's), collects each period's days and times, applies
/// BYSETPOS to that set and yields the instances at or after DTSTART until COUNT, UNTIL or the limits
/// end it. Buffers are allocated once per run; a candidate costs no allocation.
/// </summary>
internal sealed class RuleExpansion
{
    private const long SecondsPerDay = 86_400;
    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;

    private readonly RecurrenceRule _rule;
    private readonly ExpansionPlan _plan;
    private readonly LocalDateTime _dtStart;
    private readonly LocalDateTime? _from;
    private readonly RecurrenceLimits _limits;
    private readonly UntilBound _until;
    private readonly LocalDate[] _days = new LocalDate[366];
    private readonly bool[]? _ordinalMask;
    private YearLayout _layout = new();
    private YearLayout _otherLayout = new();
    private readonly bool _needsWeekNumbers;
    private readonly long[] _positions;
    private long _candidates;

    public RuleExpansion(RecurrenceRule rule, LocalDateTime dtStart, DateTimeZone? zone, RecurrenceLimits limits, LocalDateTime? from)
    {
        _rule = rule;
        _plan = new ExpansionPlan(rule, dtStart);
        _dtStart = dtStart;
        _from = from;
        _limits = limits;
        _until = new UntilBound(rule, zone);
        _ordinalMask = _plan.OrdinalWeekdays.Length > 0 ? new bool[366] : null;
        _needsWeekNumbers = _plan.WeekNoMask is not null;
        _positions = new long[_plan.BySetPos.Length];
    }

    /// <summary>
    /// Candidate days and times examined so far: the work <see cref="RecurrenceLimits.MaxCandidates"/>
    /// bounds. Tests read it to prove the bound without timing the run.
    /// </summary>
    public long CandidatesExamined => _candidates;

    public IEnumerable<LocalDateTime> Run()
    {
        var plan = _plan;
        int[] times = plan.TimeOffsets;
        if (times.Length == 0 || _limits.MaxInstances <= 0)
        {
            yield break; // e.g. BYSECOND=60 only: no representable instance
        }
        int counted = 0;
        int yielded = 0;
        var cursor = new PeriodCursor(plan, _dtStart, InitialPeriodIndex());
        while (cursor.IsValid)
        {
            if (_candidates >= _limits.MaxCandidates || _until.PeriodStartsAfter(cursor.FirstDayNumber))
            {
                yield break;
            }
            int dayCount = FillPeriodDays(ref cursor);
            if (dayCount > 0)
            {
                int baseSecond = cursor.BaseSecondOfDay;
                long total = (long)dayCount * times.Length;
                int setSize = plan.BySetPos.Length == 0 ? -1 : SelectPositions(total);
                long emitted = setSize < 0 ? total : setSize;
                for (long i = 0; i < emitted; i++)
                {
                    long index = setSize < 0 ? i : _positions[i];
                    _candidates++;
                    var candidate = _days[(int)(index / times.Length)]
                        .At(LocalTime.FromSecondsSinceMidnight(baseSecond + times[(int)(index % times.Length)]));
                    if (candidate < _dtStart)
                    {
                        continue;
                    }
                    if (_until.IsExceededBy(candidate))
                    {
                        yield break;
                    }
                    counted++;
                    if (_rule.Count is { } count && counted > count)
                    {
                        yield break;
                    }
                    if (_from is { } from && candidate < from)
                    {
                        continue;
                    }
                    yield return candidate;
                    if (++yielded >= _limits.MaxInstances)
                    {
                        yield break;
                    }
                }
                if (_candidates >= _limits.MaxCandidates)
                {
                    yield break;
                }
            }
            cursor.Advance();
        }
    }

    /// <summary>
    /// Where the walk starts: DTSTART's period, or with <c>from</c> and no COUNT the period that
    /// contains <c>from</c> (COUNT needs every earlier instance counted, so it always walks).
    /// </summary>
    private long InitialPeriodIndex()
    {
        if (_from is not { } from || _rule.Count is not null || from <= _dtStart)
        {
            return 0;
        }
        return PeriodCursor.PeriodIndexContaining(_plan, _dtStart, from);
    }

    /// <summary>Collects the current period's matching days into <see cref="_days"/>; returns how many.</summary>
    private int FillPeriodDays(ref PeriodCursor cursor)
    {
        var plan = _plan;
        int count = 0;
        switch (plan.Frequency)
        {
            case RecurrenceFrequency.Yearly:
            {
                var layout = Layout(cursor.Year);
                if (_ordinalMask is not null)
                {
                    MarkOrdinalsInYear(layout);
                }
                for (int month = 1; month <= 12; month++)
                {
                    if (plan.MonthMask is not null && !plan.MonthMask[month])
                    {
                        continue;
                    }
                    count = AddMatchingDays(layout, layout.MonthStart(month), layout.MonthStart(month + 1), count);
                }
                return count;
            }
            case RecurrenceFrequency.Monthly:
            {
                var layout = Layout(cursor.Year);
                int month = cursor.Month;
                if (plan.MonthMask is not null && !plan.MonthMask[month])
                {
                    _candidates++;
                    return 0;
                }
                if (_ordinalMask is not null)
                {
                    Array.Clear(_ordinalMask);
                    MarkOrdinals(layout, layout.MonthStart(month), layout.MonthStart(month + 1) - 1);
                }
                return AddMatchingDays(layout, layout.MonthStart(month), layout.MonthStart(month + 1), 0);
            }
            case RecurrenceFrequency.Weekly:
            {
                for (int day = 0; day < 7; day++)
                {
                    int dayNumber = cursor.FirstDayNumber + day;
                    if (dayNumber > MaxDayNumber)
                    {
                        break;
                    }
                    count = AddDayIfMatching(dayNumber, count);
                }
                return count;
            }
            case RecurrenceFrequency.Daily:
                return AddDayIfMatching(cursor.FirstDayNumber, 0);
            default:
                return FillSubDailyPeriod(ref cursor);
        }
    }

    /// <summary>
    /// HOURLY, MINUTELY, SECONDLY: the period is one hour, minute or second. When its day, hour or
    /// minute fails a limiting part, jump straight to the first period of the next day, hour or minute
    /// instead of testing each period in between (FREQ=SECONDLY;BYMONTH=2 would otherwise test every
    /// second of the year).
    /// </summary>
    private int FillSubDailyPeriod(ref PeriodCursor cursor)
    {
        var plan = _plan;
        while (cursor.IsValid)
        {
            _candidates++;
            if (_candidates >= _limits.MaxCandidates || _until.PeriodStartsAfter(cursor.FirstDayNumber))
            {
                return 0;
            }
            int dayNumber = cursor.FirstDayNumber;
            int secondOfDay = cursor.BaseSecondOfDay;
            var date = LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));
            var layout = Layout(date.Year);
            if (!plan.DayMatches(layout, date.DayOfYear - 1, null))
            {
                cursor.SkipTo(((long)dayNumber + 1) * SecondsPerDay);
                continue;
            }
            int hour = secondOfDay / 3600;
            if (plan.HourMask is not null && !plan.HourMask[hour])
            {
                cursor.SkipTo(((long)dayNumber * SecondsPerDay) + ((hour + 1) * 3600));
                continue;
            }
            if (plan.Frequency <= RecurrenceFrequency.Minutely)
            {
                int minute = (secondOfDay / 60) % 60;
                if (plan.MinuteMask is not null && !plan.MinuteMask[minute])
                {
                    cursor.SkipTo(((long)dayNumber * SecondsPerDay) + (secondOfDay - (secondOfDay % 60)) + 60);
                    continue;
                }
                if (plan.Frequency == RecurrenceFrequency.Secondly && plan.SecondMask is not null && !plan.SecondMask[secondOfDay % 60])
                {
                    cursor.Advance();
                    continue;
                }
            }
            _days[0] = date;
            return 1;
        }
        return 0;
    }

    private int AddDayIfMatching(int dayNumber, int count)
    {
        _candidates++;
        var date = LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));
        var layout = Layout(date.Year);
        if (_plan.DayMatches(layout, date.DayOfYear - 1, null))
        {
            _days[count++] = date;
        }
        return count;
    }

    private int AddMatchingDays(YearLayout layout, int firstDayOfYear, int endDayOfYear, int count)
    {
        for (int doy = firstDayOfYear; doy < endDayOfYear; doy++)
        {
            _candidates++;
            if (_plan.DayMatches(layout, doy, _ordinalMask))
            {
                _days[count++] = layout.DateOf(doy);
            }
        }
        return count;
    }

    /// <summary>
    /// RFC 5545 3.3.10 (BYDAY): with FREQ=YEARLY an ordinal counts within the year, or within each
    /// month when BYMONTH is present ("+1MO ... within the month" for YEARLY with BYMONTH).
    /// </summary>
    private void MarkOrdinalsInYear(YearLayout layout)
    {
        Array.Clear(_ordinalMask!);
        if (_plan.MonthMask is null)
        {
            MarkOrdinals(layout, 0, layout.Length - 1);
            return;
        }
        for (int month = 1; month <= 12; month++)
        {
            if (_plan.MonthMask[month])
            {
                MarkOrdinals(layout, layout.MonthStart(month), layout.MonthStart(month + 1) - 1);
            }
        }
    }

    /// <summary>Marks the n-th (or n-th from last) weekday within [first, last] days of year.</summary>
    private void MarkOrdinals(YearLayout layout, int first, int last)
    {
        foreach (var entry in _plan.OrdinalWeekdays)
        {
            int weekday = (int)entry.Day;
            int target;
            if (entry.Offset > 0)
            {
                int firstMatch = first + (((weekday - layout.WeekdayOf(first)) + 7) % 7);
                target = firstMatch + ((entry.Offset - 1) * 7);
            }
            else
            {
                int lastMatch = last - (((layout.WeekdayOf(last) - weekday) + 7) % 7);
                target = lastMatch + ((entry.Offset + 1) * 7);
            }
            if (target >= first && target <= last)
            {
                _ordinalMask![target] = true;
            }
        }
    }

    /// <summary>
    /// RFC 5545 3.3.10 (BYSETPOS): picks the n-th members of the period's ordered set of
    /// days x times without materialising it. Returns how many distinct positions are in range.
    /// </summary>
    private int SelectPositions(long total)
    {
        int size = 0;
        foreach (int position in _plan.BySetPos)
        {
            long index = position > 0 ? position - 1 : total + position;
            if (index < 0 || index >= total)
            {
                continue;
            }
            // Insertion into the sorted, duplicate-free prefix (BYSETPOS lists are short).
            int at = size;
            while (at > 0 && _positions[at - 1] > index)
            {
                at--;
            }
            if (at > 0 && _positions[at - 1] == index)
            {
                continue;
            }
            Array.Copy(_positions, at, _positions, at + 1, size - at);
            _positions[at] = index;
            size++;
        }
        return size;
    }

    /// <summary>Tables for a year; two are cached because weekly periods straddle New Year.</summary>
    private YearLayout Layout(int year)
    {
        if (_layout.Year != year)
        {
            if (_otherLayout.Year != year)
            {
                _otherLayout.Fill(year, _plan.WeekStart, _needsWeekNumbers);
            }
            (_layout, _otherLayout) = (_otherLayout, _layout);
        }
        return _layout;
    }
}
