using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// The conservative first/last instants that storage denormalises for its time-range prefilter.
/// Conservative means: whenever <see cref="TimeRangeEvaluation"/> matches a range, the range
/// meets [First, Last] with inclusive ends. Floating and DATE values have no fixed instant (the
/// viewer's zone decides), so when any was read the bounds are widened by 14 hours each way,
/// the largest UTC offset in use (UTC+14, Line Islands; the most negative is UTC-12).
/// </summary>
internal static class OccurrenceBoundsCalculator
{
    private static readonly Duration FloatingSpread = Duration.FromHours(14);

    public static (Instant First, Instant? Last) Compute(CalendarComponent vcalendar, OccurrenceClock clock, RuleInstances rules, int maxInstances)
    {
        var first = Instant.MaxValue;
        Instant? last = Instant.MinValue;
        void Include(Instant value)
        {
            first = Instant.Min(first, value);
            if (last is { } l)
            {
                last = Instant.Max(l, value);
            }
        }

        foreach (var group in ComponentGroups.ByUid(vcalendar, "VEVENT", "VTODO", "VJOURNAL"))
        {
            if (group.Any(IsUnbounded))
            {
                last = null;
            }
            foreach (var component in group)
            {
                // VTODO rows that use COMPLETED and CREATED; only CREATED or nothing matches any later range.
                if (ComponentTimes.Read(component, "COMPLETED", clock) is { } completed)
                {
                    Include(completed);
                }
                if (ComponentTimes.Read(component, "CREATED", clock) is { } created && component.Name.Equals("VTODO", StringComparison.OrdinalIgnoreCase))
                {
                    Include(created);
                }
                if (component.Name.Equals("VTODO", StringComparison.OrdinalIgnoreCase)
                    && !ComponentTimes.Has(component, "DTSTART") && !ComponentTimes.Has(component, "DUE") && !ComponentTimes.Has(component, "COMPLETED"))
                {
                    first = ComponentTimes.Has(component, "CREATED") ? first : Instant.MinValue;
                    last = null;
                }
            }
            var alarms = AlarmTriggers.ByComponent(group, clock);
            var unbounded = group.Any(IsUnbounded);
            if (unbounded)
            {
                // Only the earliest instance matters (the expansion is ordered by start, overrides
                // included); any alarm may fire up to its reach before it. Absolute triggers count as is.
                var reach = alarms.Values.SelectMany(a => a).Select(a => a.Reach).DefaultIfEmpty(Duration.Zero).Max();
                foreach (var earliest in SeriesExpansion.Expand(group, clock, rules, null, null, 1))
                {
                    Include(earliest.Start - reach);
                }
                foreach (var absolute in alarms.Values.SelectMany(a => a).Where(a => a.IsAbsolute))
                {
                    Include(absolute.For(Instant.MinValue, Instant.MinValue).First());
                }
                continue;
            }
            var count = 0;
            foreach (var occurrence in SeriesExpansion.Expand(group, clock, rules, null, null, maxInstances))
            {
                count++;
                Include(occurrence.Start);
                Include(occurrence.End);
                foreach (var alarm in alarms.GetValueOrDefault(occurrence.Component) ?? [])
                {
                    foreach (var trigger in alarm.For(occurrence.Start, occurrence.End))
                    {
                        Include(trigger);
                    }
                }
            }
            if (count >= maxInstances)
            {
                // The expansion was cut short: what lies beyond is unknown.
                last = null;
            }
        }
        foreach (var freeBusy in vcalendar.GetComponents("VFREEBUSY"))
        {
            foreach (var name in new[] { "DTSTART", "DTEND" })
            {
                if (ComponentTimes.Read(freeBusy, name, clock) is { } value)
                {
                    Include(value);
                }
            }
            foreach (var (start, end) in ComponentTimes.FreeBusyPeriods(freeBusy, clock))
            {
                Include(start);
                Include(end);
            }
        }
        if (first == Instant.MaxValue)
        {
            // Nothing with a time: nothing to narrow the prefilter with.
            return (Instant.MinValue, null);
        }
        if (clock.ReadFloating)
        {
            first = first == Instant.MinValue ? first : first - FloatingSpread;
            last = last is { } l ? l + FloatingSpread : null;
        }
        return (first, last);
    }

    /// <summary>A master whose RRULE has neither COUNT nor UNTIL never ends (RFC 5545 section 3.3.10).</summary>
    internal static bool IsUnbounded(CalendarComponent component)
    {
        if (component.GetProperty("RECURRENCE-ID") is not null)
        {
            return false;
        }
        return component.GetProperties("RRULE").Any(rule =>
            !rule.RawValue.Contains("COUNT=", StringComparison.OrdinalIgnoreCase)
            && !rule.RawValue.Contains("UNTIL=", StringComparison.OrdinalIgnoreCase));
    }
}
