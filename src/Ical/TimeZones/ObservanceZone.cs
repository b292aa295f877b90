using System.Collections.Concurrent;
using NodaTime;
using NodaTime.TimeZones;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// A <see cref="DateTimeZone"/> defined by VTIMEZONE observances. Every onset up to a horizon a
/// little past the last explicit date (DTSTART, RDATE, end of a bounded RRULE) is computed once;
/// beyond it only the never-ending rules remain and are expanded per year on demand (cached), so
/// any year up to 9998 works. Thread-safe: the precomputed part is immutable and the cache concurrent.
/// </summary>
internal sealed class ObservanceZone : DateTimeZone
{
    /// <summary>
    /// Onsets are computed up to this year: one short of NodaTime's last year, so that no local time
    /// shifted by an offset of up to 18 hours leaves the range of <see cref="Instant"/>.
    /// </summary>
    public const int LastSupportedYear = 9998;

    // A bounded rule with more onsets than this is expanded lazily like an unbounded one.
    private const int MaxPrecomputedOnsetsPerRule = 2_000;

    // How far to look for the previous or next onset of the unbounded rules past the horizon.
    private const int MaxYearsToSearch = 100;

    private readonly ZoneTransition[] _transitions;
    private readonly Offset _initialOffset;
    private readonly string _initialName;
    private readonly int _horizonYear;
    private readonly Instant _horizon;
    private readonly (Observance Observance, IObservanceRecurrence Rule)[] _tailRules;
    private readonly ConcurrentDictionary<int, ZoneTransition[]> _tailByYear = new();

    public ObservanceZone(string id, IReadOnlyList<Observance> observances)
        : base(id, false, LowestOffset(observances), HighestOffset(observances))
    {
        var finite = new List<(ZoneTransition Transition, int Order)>();
        var tail = new List<(Observance, IObservanceRecurrence)>();
        var lastExplicitYear = int.MinValue;
        var order = 0;
        foreach (var observance in observances)
        {
            lastExplicitYear = Math.Max(lastExplicitYear, observance.Start.Year);
            finite.Add((observance.TransitionAt(observance.Start), order++));
            foreach (var onset in observance.ExtraOnsets)
            {
                lastExplicitYear = Math.Max(lastExplicitYear, onset.Year);
                finite.Add((observance.TransitionAt(onset), order++));
            }
            foreach (var rule in observance.Rules)
            {
                if (rule.IsUnbounded)
                {
                    tail.Add((observance, rule));
                    continue;
                }
                var onsets = rule.OnsetsFrom(observance.Start).Take(MaxPrecomputedOnsetsPerRule + 1).ToList();
                if (onsets.Count > MaxPrecomputedOnsetsPerRule)
                {
                    tail.Add((observance, rule));
                    continue;
                }
                foreach (var onset in onsets)
                {
                    lastExplicitYear = Math.Max(lastExplicitYear, onset.Year);
                    finite.Add((observance.TransitionAt(onset), order++));
                }
            }
        }
        _horizonYear = Math.Min(lastExplicitYear + 2, LastSupportedYear);
        _horizon = new LocalDateTime(_horizonYear, 1, 1, 0, 0).InUtc().ToInstant();
        _tailRules = [.. tail];
        foreach (var (observance, rule) in tail)
        {
            foreach (var onset in rule.OnsetsFrom(observance.Start))
            {
                var transition = observance.TransitionAt(onset);
                if (transition.At >= _horizon)
                {
                    break;
                }
                finite.Add((transition, order++));
            }
        }

        // Stable by position in the file when two onsets coincide; the first one listed wins.
        finite.Sort((a, b) => a.Transition.At != b.Transition.At
            ? a.Transition.At.CompareTo(b.Transition.At)
            : a.Order.CompareTo(b.Order));
        var earliest = observances
            .Select(o => (Observance: o, At: o.InstantOf(o.Start)))
            .MinBy(pair => pair.At).Observance;
        _initialOffset = earliest.OffsetFrom;
        _initialName = NameForOffset(observances, earliest.OffsetFrom);

        var kept = new List<ZoneTransition>(finite.Count);
        foreach (var (transition, _) in finite)
        {
            if (kept.Count > 0 && kept[^1].At == transition.At)
            {
                continue;
            }
            var previousOffset = kept.Count > 0 ? kept[^1].WallOffset : _initialOffset;
            var previousName = kept.Count > 0 ? kept[^1].Name : _initialName;
            var previousSavings = kept.Count > 0 ? kept[^1].Savings : Offset.Zero;
            if (transition.WallOffset == previousOffset && transition.Name == previousName
                && transition.Savings == previousSavings)
            {
                continue; // changes nothing: keep one longer interval
            }
            kept.Add(transition);
        }
        _transitions = [.. kept];
    }

    public override ZoneInterval GetZoneInterval(Instant instant)
    {
        ZoneTransition? previous;
        ZoneTransition? next;
        if (instant < _horizon)
        {
            var index = LastAtOrBefore(instant);
            previous = index >= 0 ? _transitions[index] : null;
            next = index + 1 < _transitions.Length ? _transitions[index + 1] : FirstTailAfter(_horizon - Duration.Epsilon);
        }
        else
        {
            previous = LastTailAtOrBefore(instant)
                ?? (_transitions.Length > 0 ? _transitions[^1] : null);
            next = FirstTailAfter(instant);
        }
        var start = previous?.At;
        var end = next?.At;
        var offset = previous?.WallOffset ?? _initialOffset;
        var savings = previous?.Savings ?? Offset.Zero;
        var name = previous?.Name ?? _initialName;
        return new ZoneInterval(name, start, end, offset, savings);
    }

    private int LastAtOrBefore(Instant instant)
    {
        int low = 0, high = _transitions.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_transitions[middle].At <= instant)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    private ZoneTransition? LastTailAtOrBefore(Instant instant)
    {
        var year = Math.Min(instant.InUtc().Year + 1, LastSupportedYear);
        for (var searched = 0; searched < MaxYearsToSearch && year >= _horizonYear; searched++, year--)
        {
            var candidates = TailTransitionsIn(year);
            for (var i = candidates.Length - 1; i >= 0; i--)
            {
                if (candidates[i].At <= instant)
                {
                    return candidates[i];
                }
            }
        }
        return null;
    }

    private ZoneTransition? FirstTailAfter(Instant instant)
    {
        if (_tailRules.Length == 0)
        {
            return null;
        }
        var year = Math.Max(instant.InUtc().Year - 1, _horizonYear);
        for (var searched = 0; searched < MaxYearsToSearch && year <= LastSupportedYear; searched++, year++)
        {
            foreach (var candidate in TailTransitionsIn(year))
            {
                if (candidate.At > instant)
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Onsets of the unbounded rules whose local time falls in <paramref name="year"/>, past the horizon.</summary>
    private ZoneTransition[] TailTransitionsIn(int year) => _tailByYear.GetOrAdd(year, y =>
    {
        var start = new LocalDateTime(y, 1, 1, 0, 0);
        var list = new List<ZoneTransition>();
        foreach (var (observance, rule) in _tailRules)
        {
            foreach (var onset in rule.OnsetsFrom(start))
            {
                if (onset.Year != y)
                {
                    break;
                }
                var transition = observance.TransitionAt(onset);
                if (transition.At >= _horizon)
                {
                    list.Add(transition);
                }
            }
        }
        list.Sort((a, b) => a.At.CompareTo(b.At));
        return [.. list];
    });

    private static string NameForOffset(IReadOnlyList<Observance> observances, Offset offset) =>
        observances.FirstOrDefault(o => o.OffsetTo == offset)?.Name ?? ObservanceValues.FormatUtcOffset(offset);

    private static Offset LowestOffset(IReadOnlyList<Observance> observances) =>
        observances.SelectMany(o => new[] { o.OffsetFrom, o.OffsetTo }).Min();

    private static Offset HighestOffset(IReadOnlyList<Observance> observances) =>
        observances.SelectMany(o => new[] { o.OffsetFrom, o.OffsetTo }).Max();
}
