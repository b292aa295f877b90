using System.Globalization;
using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// The yearly RRULE forms VTIMEZONE observances use in practice (RFC 5545 section 3.6.5 examples):
/// FREQ=YEARLY with BYMONTH, BYDAY (optionally +n/-n), BYMONTHDAY, INTERVAL, UNTIL and COUNT.
/// </summary>
/// <remarks>
/// A stand-in until the general recurrence engine is on main; anything outside these forms is
/// reported as an <see cref="IcalFormatException"/> rather than guessed at.
/// </remarks>
internal sealed class YearlyObservanceRule : IObservanceRecurrence
{
    // A rule whose candidate set is empty every year (BYMONTH=2;BYMONTHDAY=30) must not spin for ever.
    private const int MaxEmptyYearsInARow = 400;

    private readonly LocalDateTime _dtStart;
    private readonly Offset _offsetFrom;
    private readonly int _interval;
    private readonly int? _count;
    private readonly LocalDateTime? _untilLocal;
    private readonly Instant? _untilUtc;
    private readonly int[] _months;
    private readonly (int Ordinal, IsoDayOfWeek Day)[] _byDay;
    private readonly int[] _byMonthDay;

    private YearlyObservanceRule(
        LocalDateTime dtStart, Offset offsetFrom, int interval, int? count, LocalDateTime? untilLocal,
        Instant? untilUtc, int[] months, (int, IsoDayOfWeek)[] byDay, int[] byMonthDay)
    {
        _dtStart = dtStart;
        _offsetFrom = offsetFrom;
        _interval = interval;
        _count = count;
        _untilLocal = untilLocal;
        _untilUtc = untilUtc;
        _months = months;
        _byDay = byDay;
        _byMonthDay = byMonthDay;
    }

    public bool IsUnbounded => _count is null && _untilLocal is null && _untilUtc is null;

    public static YearlyObservanceRule Parse(CalendarProperty rrule, LocalDateTime dtStart, Offset offsetFrom)
    {
        string? frequency = null;
        var interval = 1;
        int? count = null;
        LocalDateTime? untilLocal = null;
        Instant? untilUtc = null;
        int[] months = [dtStart.Month];
        (int, IsoDayOfWeek)[] byDay = [];
        int[] byMonthDay = [];
        foreach (var part in rrule.RawValue.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw ObservanceValues.Error($"RRULE part '{part}' has no value (RFC 5545 section 3.3.10)", rrule);
            }
            var name = part[..equals].Trim().ToUpperInvariant();
            var value = part[(equals + 1)..].Trim();
            switch (name)
            {
                case "FREQ":
                    frequency = value.ToUpperInvariant();
                    break;
                case "INTERVAL":
                    interval = PositiveInt(value, rrule);
                    break;
                case "COUNT":
                    count = PositiveInt(value, rrule);
                    break;
                case "UNTIL":
                    var until = ObservanceValues.ParseDateTime(value, rrule, out var isUtc);
                    if (until.Year > ObservanceZone.LastSupportedYear)
                    {
                        break; // past every year a zone is computed for: the same as no UNTIL
                    }
                    if (isUtc)
                    {
                        untilUtc = until.InUtc().ToInstant();
                    }
                    else
                    {
                        // A DATE UNTIL includes the whole day.
                        untilLocal = value.Length == 8 ? until.PlusDays(1).PlusTicks(-1) : until;
                    }
                    break;
                case "BYMONTH":
                    months = [.. value.Split(',').Select(m => RangedInt(m, 1, 12, rrule)).Order()];
                    break;
                case "BYDAY":
                    byDay = [.. value.Split(',').Select(d => ParseWeekday(d, rrule))];
                    break;
                case "BYMONTHDAY":
                    byMonthDay = [.. value.Split(',').Select(d => RangedInt(d, -31, 31, rrule))];
                    if (byMonthDay.Contains(0))
                    {
                        throw ObservanceValues.Error("BYMONTHDAY=0 is not allowed (RFC 5545 section 3.3.10)", rrule);
                    }
                    break;
                case "WKST":
                    break; // irrelevant for yearly rules without BYWEEKNO
                default:
                    throw ObservanceValues.Error($"RRULE part {name} is not supported in a VTIMEZONE observance", rrule);
            }
        }
        if (frequency != "YEARLY")
        {
            throw ObservanceValues.Error($"only FREQ=YEARLY observance rules are supported, not '{frequency}'", rrule);
        }
        if (count is not null && (untilLocal is not null || untilUtc is not null))
        {
            throw ObservanceValues.Error("RRULE has both UNTIL and COUNT (RFC 5545 section 3.3.10)", rrule);
        }
        return new YearlyObservanceRule(dtStart, offsetFrom, interval, count, untilLocal, untilUtc, months, byDay, byMonthDay);
    }

    public IEnumerable<LocalDateTime> OnsetsFrom(LocalDateTime from)
    {
        var yielded = 0;
        if (!IsAfterUntil(_dtStart))
        {
            yielded++;
            if (_dtStart >= from)
            {
                yield return _dtStart;
            }
        }
        else
        {
            yield break;
        }
        var year = _dtStart.Year;
        if (_count is null && from.Year - 1 > year)
        {
            // Without COUNT nothing forces a walk: jump to the interval-aligned year before 'from'.
            var steps = (from.Year - 1 - year) / _interval;
            year += steps * _interval;
        }
        var emptyYears = 0;
        for (; year <= ObservanceZone.LastSupportedYear; year += _interval)
        {
            var any = false;
            foreach (var candidate in CandidatesIn(year))
            {
                if (candidate <= _dtStart)
                {
                    continue;
                }
                any = true;
                if (IsAfterUntil(candidate) || (_count is not null && yielded >= _count))
                {
                    yield break;
                }
                yielded++;
                if (candidate >= from)
                {
                    yield return candidate;
                }
            }
            emptyYears = any ? 0 : emptyYears + 1;
            if (emptyYears > MaxEmptyYearsInARow)
            {
                yield break;
            }
        }
    }

    private bool IsAfterUntil(LocalDateTime onset) =>
        (_untilLocal is { } local && onset > local)
        || (_untilUtc is { } utc && onset.WithOffset(_offsetFrom).ToInstant() > utc);

    private IEnumerable<LocalDateTime> CandidatesIn(int year)
    {
        var time = _dtStart.TimeOfDay;
        foreach (var month in _months)
        {
            var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(year, month);
            for (var day = 1; day <= daysInMonth; day++)
            {
                var date = new LocalDate(year, month, day);
                if (Matches(date, daysInMonth))
                {
                    yield return date + time;
                }
            }
        }
    }

    private bool Matches(LocalDate date, int daysInMonth)
    {
        if (_byMonthDay.Length > 0
            && !_byMonthDay.Any(d => d > 0 ? d == date.Day : daysInMonth + d + 1 == date.Day))
        {
            return false;
        }
        if (_byDay.Length > 0)
        {
            var fromStart = ((date.Day - 1) / 7) + 1;
            var fromEnd = -(((daysInMonth - date.Day) / 7) + 1);
            return _byDay.Any(d => d.Day == date.DayOfWeek
                && (d.Ordinal == 0 || d.Ordinal == fromStart || d.Ordinal == fromEnd));
        }
        // Neither BYDAY nor BYMONTHDAY: the day of month of DTSTART (RFC 5545 section 3.3.10 defaults).
        return _byMonthDay.Length > 0 || date.Day == _dtStart.Day;
    }

    private static (int Ordinal, IsoDayOfWeek Day) ParseWeekday(string text, CalendarProperty rrule)
    {
        var value = text.Trim().ToUpperInvariant();
        if (value.Length < 2)
        {
            throw ObservanceValues.Error($"'{text}' is not a BYDAY value", rrule);
        }
        var day = value[^2..] switch
        {
            "MO" => IsoDayOfWeek.Monday,
            "TU" => IsoDayOfWeek.Tuesday,
            "WE" => IsoDayOfWeek.Wednesday,
            "TH" => IsoDayOfWeek.Thursday,
            "FR" => IsoDayOfWeek.Friday,
            "SA" => IsoDayOfWeek.Saturday,
            "SU" => IsoDayOfWeek.Sunday,
            _ => throw ObservanceValues.Error($"'{text}' is not a BYDAY value", rrule),
        };
        var ordinal = value.Length == 2 ? 0 : RangedInt(value[..^2], -5, 5, rrule);
        return (ordinal, day);
    }

    private static int PositiveInt(string text, CalendarProperty rrule) => RangedInt(text, 1, int.MaxValue, rrule);

    private static int RangedInt(string text, int min, int max, CalendarProperty rrule)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw ObservanceValues.Error($"'{text}' is out of range in RRULE '{rrule.RawValue}'", rrule);
        }
        return value;
    }
}
