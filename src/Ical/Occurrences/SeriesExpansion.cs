using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// The expansion algorithm behind <see cref="OccurrenceExpander"/>: DTSTART, RRULE and RDATE
/// (RFC 5545 section 3.8.5) minus EXDATE, with RECURRENCE-ID overrides, merged into one stream
/// ordered by actual start. Finite parts (DTSTART, RDATEs, overrides) are queued up front; rule
/// instances are pulled lazily, and a queued item is released once no later rule instance can
/// start before it (rule instances arrive by original start and move by at most MaxShift).
/// </summary>
internal static class SeriesExpansion
{
    // Slack for local-to-instant resolution not being monotonic across DST overlaps.
    private static readonly Duration ReleaseMargin = Duration.FromDays(1);

    /// <exception cref="IcalFormatException">A date, duration or rule in the components is malformed.</exception>
    public static IEnumerable<Occurrence> Expand(
        IReadOnlyList<CalendarComponent> components, OccurrenceClock clock, RuleInstances rules,
        Instant? windowStart, Instant? windowEnd, int maxInstances)
    {
        var master = components.FirstOrDefault(c => c.GetProperty("RECURRENCE-ID") is null);
        var overrides = OverrideSet.Of(components.Where(c => c.GetProperty("RECURRENCE-ID") is not null), clock);
        var queue = new PriorityQueue<Occurrence, (Instant Start, Instant End)>();
        foreach (var (_, replacement) in overrides.Replacements)
        {
            queue.Enqueue(replacement, (replacement.Start, replacement.End));
        }
        var yielded = 0;
        var series = master is null ? null : Series.Of(master, clock, overrides);
        if (series is not null)
        {
            series.QueueFiniteInstances(queue);
            if (series.Rule is not null)
            {
                var lookBack = series.Length.MaxLength + overrides.MaxShift + ReleaseMargin;
                LocalDateTime? from = windowStart is { } ws ? clock.ToLocal(ws - lookBack, series.Zone) : null;
                var hold = overrides.MaxShift + ReleaseMargin;
                LocalDateTime? previous = null;
                foreach (var local in rules(series.Rule, series.DtStart.Local, series.Zone, from))
                {
                    // The rule contract is strictly ascending; a repeated or earlier time would break
                    // the release order below, so it is dropped (a set has no duplicates anyway).
                    if (previous is { } p && local <= p)
                    {
                        continue;
                    }
                    previous = local;
                    var originalStart = clock.Resolve(local, series.Zone);
                    while (queue.TryPeek(out var next, out _) && next.Start < originalStart - hold)
                    {
                        queue.Dequeue();
                        if (InWindow(next, windowStart, windowEnd))
                        {
                            yield return next;
                            if (++yielded >= maxInstances)
                            {
                                yield break;
                            }
                        }
                    }
                    if (windowEnd is { } we && originalStart - hold >= we)
                    {
                        break;
                    }
                    if (series.TryMake(local, originalStart, out var occurrence))
                    {
                        queue.Enqueue(occurrence, (occurrence.Start, occurrence.End));
                    }
                }
            }
        }
        while (queue.TryDequeue(out var rest, out _))
        {
            if (InWindow(rest, windowStart, windowEnd))
            {
                yield return rest;
                if (++yielded >= maxInstances)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// Overlap with [windowStart, windowEnd): start before the window end, and either ending after
    /// the window start or, for zero-length instances, starting at or after it (RFC 4791 section 9.9).
    /// </summary>
    internal static bool InWindow(Occurrence occurrence, Instant? windowStart, Instant? windowEnd) =>
        (windowEnd is not { } we || occurrence.Start < we)
        && (windowStart is not { } ws || occurrence.End > ws || occurrence.Start >= ws);

    /// <summary>The master's timing facts, computed once.</summary>
    private sealed class Series
    {
        private readonly CalendarComponent master;
        private readonly OccurrenceClock clock;
        private readonly OverrideSet overrides;
        private readonly ExcludedDates excluded;
        private readonly HashSet<Instant> finiteStarts = [];

        private Series(CalendarComponent master, IcalDateTime dtStart, OccurrenceClock clock, OverrideSet overrides)
        {
            this.master = master;
            this.clock = clock;
            this.overrides = overrides;
            DtStart = dtStart;
            Zone = clock.SeriesZone(dtStart);
            Length = InstanceLength.Of(master, dtStart, clock);
            excluded = ExcludedDates.Of(master, dtStart.IsDate, clock);
            Rule = master.GetProperty("RRULE");
        }

        public IcalDateTime DtStart { get; }

        public DateTimeZone? Zone { get; }

        public InstanceLength Length { get; }

        public CalendarProperty? Rule { get; }

        /// <summary>Null when the master has no DTSTART (nor DUE for a to-do): it then has no instances.</summary>
        public static Series? Of(CalendarComponent master, OccurrenceClock clock, OverrideSet overrides)
        {
            var startProperty = master.GetProperty("DTSTART") ?? master.GetProperty("DUE");
            return startProperty is null ? null : new Series(master, IcalDateTime.FromProperty(startProperty), clock, overrides);
        }

        /// <summary>DTSTART (always the first instance, RFC 5545 section 3.8.5.3) and every RDATE.</summary>
        public void QueueFiniteInstances(PriorityQueue<Occurrence, (Instant, Instant)> queue)
        {
            var start = clock.Resolve(DtStart.Local, Zone);
            Enqueue(queue, DtStart.Local, start, null);
            foreach (var property in master.GetProperties("RDATE"))
            {
                foreach (var period in DateTimeListValue.ParsePeriods(property))
                {
                    var periodStart = clock.ToInstant(period.Start);
                    // An RDATE in another zone (or UTC) names the same instant in the series' local time.
                    var local = period.Start.IsDate ? period.Start.Local : clock.ToLocal(periodStart, Zone);
                    Instant? explicitEnd = null;
                    if (period.End is { } end)
                    {
                        explicitEnd = clock.ToInstant(end);
                    }
                    else if (period.Duration is { } duration)
                    {
                        var zone = clock.SeriesZone(period.Start);
                        var afterDays = clock.Resolve(period.Start.Local.PlusDays(duration.NominalDays), zone);
                        explicitEnd = afterDays + duration.ExactPart;
                    }
                    Enqueue(queue, local, periodStart, explicitEnd);
                }
            }
        }

        private void Enqueue(PriorityQueue<Occurrence, (Instant, Instant)> queue, LocalDateTime local, Instant start, Instant? explicitEnd)
        {
            // RFC 5545 section 3.8.5.2: duplicate instances of the set are counted once.
            if (!finiteStarts.Add(start))
            {
                return;
            }
            if (TryMake(local, start, out var occurrence, explicitEnd, checkDuplicates: false))
            {
                queue.Enqueue(occurrence, (occurrence.Start, occurrence.End));
            }
        }

        public bool TryMake(LocalDateTime local, Instant originalStart, out Occurrence occurrence) =>
            TryMake(local, originalStart, out occurrence, null, checkDuplicates: true);

        private bool TryMake(LocalDateTime local, Instant originalStart, out Occurrence occurrence, Instant? explicitEnd, bool checkDuplicates)
        {
            occurrence = default;
            if ((checkDuplicates && finiteStarts.Contains(originalStart))
                || excluded.Excludes(local, originalStart)
                || overrides.Replaces(originalStart))
            {
                return false;
            }
            var recurrenceId = DtStart with { Local = local };
            var end = explicitEnd ?? Length.EndOf(local, originalStart, Zone, clock);
            occurrence = overrides.Apply(recurrenceId, originalStart, end, master);
            return true;
        }
    }
}
