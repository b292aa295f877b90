using NodaTime;
using NodaTime.TimeZones;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// The UNTIL test (RFC 5545 3.3.10: "the first recurrence instance that matches ... is the last", i.e.
/// inclusive). A DATE bounds whole days; a floating time is compared as local time; a UTC time is
/// compared on the timeline when the series has a zone, with each candidate resolved the RFC 5545 3.3.5
/// way (gap: shifted forward by the gap; overlap: the earlier offset), which is NodaTime's lenient resolver.
/// </summary>
internal readonly struct UntilBound
{
    // No zone offset is beyond +/-18 hours, so a candidate this far from UNTIL needs no resolution.
    private static readonly Period MaxOffset = Period.FromHours(18);

    private readonly RecurrenceUntilKind _kind;
    private readonly LocalDateTime _until;
    private readonly DateTimeZone? _zone;
    private readonly Instant _untilInstant;
    private readonly LocalDateTime _surelyBefore;
    private readonly LocalDateTime _surelyAfter;
    private readonly long _lastDayNumber;

    public UntilBound(RecurrenceRule rule, DateTimeZone? zone)
    {
        _kind = rule.Until is null ? RecurrenceUntilKind.None : rule.UntilKind;
        _until = rule.Until ?? default;
        _zone = _kind == RecurrenceUntilKind.Utc ? zone : null;
        _lastDayNumber = long.MaxValue;
        if (_kind == RecurrenceUntilKind.None)
        {
            return;
        }
        _lastDayNumber = _until.Date.ToDateOnly().DayNumber;
        if (_zone is not null)
        {
            _untilInstant = _until.InUtc().ToInstant();
            _surelyBefore = _until.Year > 1 ? _until.Minus(MaxOffset) : _until;
            _surelyAfter = _until.Year < 9999 ? _until.Plus(MaxOffset) : _until;
            _lastDayNumber += 1;
        }
    }

    public bool IsExceededBy(LocalDateTime candidate)
    {
        switch (_kind)
        {
            case RecurrenceUntilKind.None:
                return false;
            case RecurrenceUntilKind.Date:
                return candidate.Date > _until.Date;
            default:
                if (_zone is null)
                {
                    return candidate > _until;
                }
                if (candidate <= _surelyBefore)
                {
                    return false;
                }
                if (candidate > _surelyAfter)
                {
                    return true;
                }
                return _zone.ResolveLocal(candidate, Resolvers.LenientResolver).ToInstant() > _untilInstant;
        }
    }

    /// <summary>True when a period starting on this day can hold no instance on or before UNTIL.</summary>
    public bool PeriodStartsAfter(long firstDayNumber) => firstDayNumber > _lastDayNumber;
}
