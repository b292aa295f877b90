using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// The condition tables of RFC 4791 section 9.9 as pure functions over instants. Callers resolve
/// DATE and floating values to instants first (DTSTART+P1D is computed in local time by them),
/// so these functions stay independent of time zones and of the model.
/// </summary>
public static class TimeRangeRules
{
    /// <summary>
    /// VEVENT table. <paramref name="end"/> is DTEND, DTSTART+DURATION, or, for
    /// <see cref="EventEndKind.None"/>, DTSTART for a DATE-TIME and DTSTART+P1D for a DATE start.
    /// </summary>
    public static bool EventOverlaps(TimeRangeWindow range, Instant dtStart, EventEndKind endKind, Instant end)
    {
        if (endKind == EventEndKind.DtEnd || end > dtStart)
        {
            // Y N N * : (start < DTEND AND end > DTSTART)
            // N Y Y * : (start < DTSTART+DURATION AND end > DTSTART)
            // N N N N : (start < DTSTART+P1D AND end > DTSTART)
            return range.StartsBefore(end) && range.EndsAfter(dtStart);
        }
        // N Y N * and N N N Y : (start <= DTSTART AND end > DTSTART)
        return range.StartsAtOrBefore(dtStart) && range.EndsAfter(dtStart);
    }

    /// <summary>
    /// VTODO table. <paramref name="dtStartPlusDuration"/> is non-null only when the to-do has
    /// DTSTART and DURATION; <paramref name="due"/> only when it has DUE.
    /// </summary>
    public static bool TodoOverlaps(
        TimeRangeWindow range, Instant? dtStart, Instant? dtStartPlusDuration, Instant? due, Instant? completed, Instant? created)
    {
        if (dtStart is { } start)
        {
            if (dtStartPlusDuration is { } startPlusDuration)
            {
                // Y Y N * * : (start <= DTSTART+DURATION) AND ((end > DTSTART) OR (end >= DTSTART+DURATION))
                return range.StartsAtOrBefore(startPlusDuration)
                    && (range.EndsAfter(start) || range.EndsAtOrAfter(startPlusDuration));
            }
            if (due is { } dueAt)
            {
                // Y N Y * * : ((start < DUE) OR (start <= DTSTART)) AND ((end > DTSTART) OR (end >= DUE))
                return (range.StartsBefore(dueAt) || range.StartsAtOrBefore(start))
                    && (range.EndsAfter(start) || range.EndsAtOrAfter(dueAt));
            }
            // Y N N * * : (start <= DTSTART) AND (end > DTSTART)
            return range.StartsAtOrBefore(start) && range.EndsAfter(start);
        }
        if (due is { } onlyDue)
        {
            // N N Y * * : (start < DUE) AND (end >= DUE)
            return range.StartsBefore(onlyDue) && range.EndsAtOrAfter(onlyDue);
        }
        if (completed is { } done)
        {
            if (created is { } made)
            {
                // N N N Y Y : ((start <= CREATED) OR (start <= COMPLETED)) AND ((end >= CREATED) OR (end >= COMPLETED))
                return (range.StartsAtOrBefore(made) || range.StartsAtOrBefore(done))
                    && (range.EndsAtOrAfter(made) || range.EndsAtOrAfter(done));
            }
            // N N N Y N : (start <= COMPLETED) AND (end >= COMPLETED)
            return range.StartsAtOrBefore(done) && range.EndsAtOrAfter(done);
        }
        if (created is { } createdOnly)
        {
            // N N N N Y : (end > CREATED)
            return range.EndsAfter(createdOnly);
        }
        // N N N N N : TRUE
        return true;
    }

    /// <summary>
    /// VJOURNAL table. <paramref name="dtStartPlusOneDay"/> is DTSTART+P1D for a DATE value and
    /// null for a DATE-TIME value.
    /// </summary>
    public static bool JournalOverlaps(TimeRangeWindow range, Instant? dtStart, Instant? dtStartPlusOneDay)
    {
        if (dtStart is not { } start)
        {
            // N * : FALSE
            return false;
        }
        if (dtStartPlusOneDay is { } dayEnd)
        {
            // Y N : (start < DTSTART+P1D) AND (end > DTSTART)
            return range.StartsBefore(dayEnd) && range.EndsAfter(start);
        }
        // Y Y : (start <= DTSTART) AND (end > DTSTART)
        return range.StartsAtOrBefore(start) && range.EndsAfter(start);
    }

    /// <summary>VFREEBUSY table. <paramref name="periods"/> are the FREEBUSY periods (start, end).</summary>
    public static bool FreeBusyOverlaps(
        TimeRangeWindow range, Instant? dtStart, Instant? dtEnd, IEnumerable<(Instant Start, Instant End)> periods)
    {
        if (dtStart is { } start && dtEnd is { } end)
        {
            // Y * : (start <= DTEND) AND (end > DTSTART)
            return range.StartsAtOrBefore(end) && range.EndsAfter(start);
        }
        // N Y : ((start < freebusy-period-1-end) AND (end > freebusy-period-1-start)) OR ...
        // N N : FALSE (no periods: Any is false)
        return periods.Any(p => range.StartsBefore(p.End) && range.EndsAfter(p.Start));
    }

    /// <summary>
    /// VALARM table: the alarm matches when any trigger time t has (start &lt;= t AND end &gt; t).
    /// With REPEAT the trigger times are trigger, trigger+duration, ..., trigger+n*duration
    /// (see <see cref="AlarmTriggerTimes"/>).
    /// </summary>
    public static bool AlarmOverlaps(TimeRangeWindow range, IEnumerable<Instant> triggerTimes) =>
        triggerTimes.Any(t => range.StartsAtOrBefore(t) && range.EndsAfter(t));

    /// <summary>
    /// The instants an alarm fires: the trigger and, with REPEAT n and DURATION d, trigger + k*d
    /// for k = 1..n (RFC 5545 section 3.8.6.2). A negative or zero repeat yields the trigger only.
    /// </summary>
    public static IEnumerable<Instant> AlarmTriggerTimes(Instant trigger, int repeat, Duration repeatInterval)
    {
        yield return trigger;
        for (var k = 1; k <= repeat; k++)
        {
            yield return trigger + repeatInterval * k;
        }
    }
}
