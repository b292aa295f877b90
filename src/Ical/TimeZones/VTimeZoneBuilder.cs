using System.Collections.Immutable;
using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// Writes a zone as a VTIMEZONE component (RFC 5545 section 3.6.5), as a server must when it sends
/// calendar data that uses the zone (RFC 5545 section 3.2.19: a TZID needs its VTIMEZONE).
/// </summary>
public static class VTimeZoneBuilder
{
    // Transitions this far past 'to' are looked at to decide whether a yearly rule is still going
    // on at the end of the interval, in which case it is written without UNTIL.
    private static readonly Duration Lookahead = Duration.FromDays(2 * 366);

    private static readonly Instant EarliestSyntheticStart = Instant.FromUtc(1601, 1, 1, 0, 0);

    /// <summary>
    /// A VTIMEZONE whose offsets equal <paramref name="zone"/>'s from <paramref name="from"/> to
    /// <paramref name="to"/>: one STANDARD or DAYLIGHT observance per run of yearly transitions that
    /// follow a regular rule (RRULE, with UNTIL unless the rule still holds after <paramref name="to"/>),
    /// and observances with RDATEs for irregular transitions. The observance in force at
    /// <paramref name="from"/> is included, TZID and X-LIC-LOCATION carry the zone id.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static CalendarComponent Build(DateTimeZone zone, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (to < from)
        {
            throw new ArgumentException("the interval ends before it starts", nameof(to));
        }
        var transitions = Transitions(zone, from, to);
        var observances = new List<(Instant At, CalendarComponent Component)>();
        foreach (var group in transitions.GroupBy(t => t.Key))
        {
            var singles = new List<Onset>();
            foreach (var run in YearlyRuns(group.ToList()))
            {
                var startsInside = run.Onsets[0].At <= to;
                if (!startsInside)
                {
                    continue;
                }
                if (run.Onsets.Count < 2)
                {
                    singles.Add(run.Onsets[0]);
                    continue;
                }
                var continuesPastEnd = run.Onsets[^1].At > to;
                var rule = run.Signature.ToRule(continuesPastEnd ? null : run.Onsets[^1].At);
                observances.Add((run.Onsets[0].At, Observance(group.Key, run.Onsets[0], [new CalendarProperty("RRULE", rule)])));
            }
            if (singles.Count > 0)
            {
                // One value per RDATE line, and the DTSTART repeated as an RDATE: ical.js (Thunderbird)
                // reads only the first value of each RDATE and, when RDATEs exist, ignores DTSTART as
                // an onset. RFC 5545 section 3.8.5.2 lets a repeated instance count once, so this
                // changes nothing for other readers.
                var rdates = singles.Select(o => new CalendarProperty("RDATE", ObservanceValues.FormatLocal(o.Local)));
                observances.Add((singles[0].At, Observance(group.Key, singles[0], [.. rdates])));
            }
        }
        observances.Sort((a, b) => a.At.CompareTo(b.At));
        return new CalendarComponent(
            "VTIMEZONE",
            [new CalendarProperty("TZID", zone.Id), new CalendarProperty("X-LIC-LOCATION", zone.Id)],
            [.. observances.Select(o => o.Component)]);
    }

    /// <summary>What one observance stands for: the change from one offset to another under a name.</summary>
    private readonly record struct ObservanceKey(bool IsDaylight, Offset From, Offset To, string Name);

    /// <summary>A transition at <see cref="At"/>, which is <see cref="Local"/> in the offset before it.</summary>
    private readonly record struct Onset(ObservanceKey Key, Instant At, LocalDateTime Local);

    private sealed record Run(List<Onset> Onsets, YearlyRuleSignature Signature);

    /// <summary>
    /// The transition that starts the interval in force at <paramref name="from"/> (or a synthetic
    /// one at <paramref name="from"/> when the zone never changed before), then every later one up to
    /// the lookahead past <paramref name="to"/>.
    /// </summary>
    private static List<Onset> Transitions(DateTimeZone zone, Instant from, Instant to)
    {
        var end = Instant.MaxValue - to > Lookahead ? to + Lookahead : Instant.MaxValue;
        var onsets = new List<Onset>();
        var first = zone.GetZoneInterval(from);
        if (first.HasStart)
        {
            var before = zone.GetUtcOffset(first.Start - Duration.Epsilon);
            onsets.Add(OnsetOf(first, before));
        }
        else
        {
            // Nothing changed before: any DTSTART at or before 'from' describes it. Outlook's 1601
            // keeps it inside the years every reader accepts when 'from' is far in the past.
            var key = new ObservanceKey(first.Savings > Offset.Zero, first.WallOffset, first.WallOffset, first.Name);
            var at = from < EarliestSyntheticStart ? EarliestSyntheticStart : from;
            onsets.Add(new Onset(key, at, at.WithOffset(first.WallOffset).LocalDateTime));
        }
        var previous = first;
        foreach (var interval in zone.GetZoneIntervals(from, end))
        {
            if (interval.HasStart && interval.Start > from && interval.Start < end)
            {
                onsets.Add(OnsetOf(interval, previous.WallOffset));
            }
            previous = interval;
        }
        return onsets;
    }

    private static Onset OnsetOf(NodaTime.TimeZones.ZoneInterval interval, Offset before)
    {
        // Positive savings is daylight time; tzdb's negative savings (Europe/Dublin's winter) is not.
        var key = new ObservanceKey(interval.Savings > Offset.Zero, before, interval.WallOffset, interval.Name);
        return new Onset(key, interval.Start, interval.Start.WithOffset(before).LocalDateTime);
    }

    /// <summary>
    /// Splits onsets of one observance kind (in time order) into runs in consecutive years that one
    /// yearly signature describes; an onset that fits no run is a run of one.
    /// </summary>
    private static IEnumerable<Run> YearlyRuns(List<Onset> onsets)
    {
        var current = new List<Onset>();
        var fitting = new List<YearlyRuleSignature>();
        foreach (var onset in onsets)
        {
            var signatures = YearlyRuleSignature.Of(onset.Local).ToList();
            var common = fitting.Where(signatures.Contains).ToList();
            if (current.Count > 0 && onset.Local.Year == current[^1].Local.Year + 1 && common.Count > 0)
            {
                current.Add(onset);
                fitting = common;
                continue;
            }
            if (current.Count > 0)
            {
                yield return new Run(current, fitting[0]);
            }
            current = [onset];
            fitting = signatures;
        }
        if (current.Count > 0)
        {
            yield return new Run(current, fitting[0]);
        }
    }

    private static CalendarComponent Observance(ObservanceKey key, Onset first, ImmutableArray<CalendarProperty> recurrence)
    {
        var properties = ImmutableArray.CreateBuilder<CalendarProperty>(5 + recurrence.Length);
        properties.Add(new CalendarProperty("TZNAME", key.Name));
        properties.Add(new CalendarProperty("TZOFFSETFROM", ObservanceValues.FormatUtcOffset(key.From)));
        properties.Add(new CalendarProperty("TZOFFSETTO", ObservanceValues.FormatUtcOffset(key.To)));
        properties.Add(new CalendarProperty("DTSTART", ObservanceValues.FormatLocal(first.Local)));
        properties.AddRange(recurrence);
        return new CalendarComponent(key.IsDaylight ? "DAYLIGHT" : "STANDARD", properties.ToImmutable(), []);
    }
}
