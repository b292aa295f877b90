using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// Every instance of every VEVENT group, expanded once over the whole timeline, for tests that
/// would otherwise expand the same series on every query. Only answers when the result cannot
/// depend on the query: null when any floating or DATE value was read (the viewer's zone decides
/// those), when a series is unbounded, when there are more than the allowed instances, or when
/// the rule expansion stopped on a limit rather than at its own end (so a windowed expansion could
/// see instances this one did not).
/// </summary>
internal static class EventSpanCalculator
{
    /// <exception cref="IcalFormatException">A value needed for the expansion is malformed.</exception>
    public static IReadOnlyList<EventSpan>? Compute(CalendarComponent vcalendar, OccurrenceClock clock, RecurrenceLimits limits, int maxSpans)
    {
        var stoppedOnLimit = false;
        IEnumerable<LocalDateTime> Rules(CalendarProperty rrule, LocalDateTime dtStart, DateTimeZone? zone, LocalDateTime? from)
        {
            var expansion = new RuleExpansion(RecurrenceRule.Parse(rrule.RawValue.Trim()), dtStart, zone, limits, from);
            var yielded = 0;
            foreach (var local in expansion.Run())
            {
                yielded++;
                yield return local;
            }
            stoppedOnLimit |= expansion.CandidatesExamined >= limits.MaxCandidates || yielded >= limits.MaxInstances;
        }

        var spans = new List<EventSpan>();
        foreach (var group in ComponentGroups.ByUid(vcalendar, "VEVENT"))
        {
            if (group.Any(OccurrenceBoundsCalculator.IsUnbounded))
            {
                return null;
            }
            foreach (var occurrence in SeriesExpansion.Expand(group, clock, Rules, null, null, maxSpans + 1))
            {
                spans.Add(new EventSpan(occurrence.Start, TimeRangeEvaluation.EventEndKindOf(occurrence.Component), occurrence.End));
                if (spans.Count > maxSpans)
                {
                    return null;
                }
            }
        }
        return clock.ReadFloating || stoppedOnLimit ? null : spans;
    }
}
