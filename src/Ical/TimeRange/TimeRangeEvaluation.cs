using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// RFC 4791 section 9.9 applied to components: each instance of a (possibly recurring) component
/// is tested with the table for its type. Expansion runs on a window widened by a margin, because
/// the expander's own overlap test is a superset only for VEVENT; the exact table decides.
/// </summary>
internal static class TimeRangeEvaluation
{
    private static readonly Duration Margin = Duration.FromDays(2);

    /// <exception cref="IcalFormatException">A value needed for the test is malformed.</exception>
    public static bool Overlaps(CalendarComponent vcalendar, string componentName, TimeRangeWindow range, OccurrenceClock clock, RuleInstances rules, int maxInstances)
    {
        var name = componentName.ToUpperInvariant();
        switch (name)
        {
            case "VALARM":
                return ComponentGroups.ByUid(vcalendar, "VEVENT", "VTODO").Any(group => AlarmsOverlap(group, range, clock, rules, maxInstances));
            case "VFREEBUSY":
                return vcalendar.GetComponents("VFREEBUSY").Any(fb => TimeRangeRules.FreeBusyOverlaps(
                    range, ComponentTimes.Read(fb, "DTSTART", clock), ComponentTimes.Read(fb, "DTEND", clock), ComponentTimes.FreeBusyPeriods(fb, clock)));
            default:
                return ComponentGroups.ByUid(vcalendar, name).Any(group => InstancesOverlap(name, group, range, clock, rules, maxInstances));
        }
    }

    private static bool InstancesOverlap(string name, IReadOnlyList<CalendarComponent> group, TimeRangeWindow range, OccurrenceClock clock, RuleInstances rules, int maxInstances)
    {
        if (name == "VTODO")
        {
            // The COMPLETED/CREATED rows and the TRUE row need no instances at all.
            foreach (var todo in group)
            {
                if (!ComponentTimes.Has(todo, "DTSTART") && !ComponentTimes.Has(todo, "DUE") && !ComponentTimes.Has(todo, "RECURRENCE-ID")
                    && TimeRangeRules.TodoOverlaps(range, null, null, null, ComponentTimes.Read(todo, "COMPLETED", clock), ComponentTimes.Read(todo, "CREATED", clock)))
                {
                    return true;
                }
            }
        }
        var occurrences = SeriesExpansion.Expand(group, clock, rules, range.Start - Margin, range.End + Margin, maxInstances);
        return occurrences.Any(o => Matches(name, o, range, clock));
    }

    private static bool Matches(string name, Occurrence occurrence, TimeRangeWindow range, OccurrenceClock clock)
    {
        var component = occurrence.Component;
        switch (name)
        {
            case "VTODO":
                var hasStart = ComponentTimes.Has(component, "DTSTART");
                return TimeRangeRules.TodoOverlaps(
                    range,
                    hasStart ? occurrence.Start : null,
                    hasStart && ComponentTimes.Has(component, "DURATION") ? occurrence.End : null,
                    ComponentTimes.Has(component, "DUE") ? occurrence.End : null,
                    ComponentTimes.Read(component, "COMPLETED", clock),
                    ComponentTimes.Read(component, "CREATED", clock));
            case "VJOURNAL":
                return TimeRangeRules.JournalOverlaps(range, occurrence.Start, ComponentTimes.HasDateStart(component) ? occurrence.End : null);
            default:
                // VEVENT, and the same reading for X- components that carry DTSTART/DTEND.
                return TimeRangeRules.EventOverlaps(range, occurrence.Start, EventEndKindOf(component), occurrence.End);
        }
    }

    /// <summary>Which row of the RFC 4791 section 9.9 VEVENT table an instance described by <paramref name="component"/> falls in.</summary>
    internal static EventEndKind EventEndKindOf(CalendarComponent component) =>
        ComponentTimes.Has(component, "DTEND") ? EventEndKind.DtEnd
        : ComponentTimes.Has(component, "DURATION") ? EventEndKind.Duration
        : EventEndKind.None;

    /// <summary>RFC 4791 section 9.9 VALARM: any trigger time of any instance's alarms in the range.</summary>
    private static bool AlarmsOverlap(IReadOnlyList<CalendarComponent> group, TimeRangeWindow range, OccurrenceClock clock, RuleInstances rules, int maxInstances)
    {
        var triggersByComponent = AlarmTriggers.ByComponent(group, clock);
        if (triggersByComponent.Values.All(l => l.Count == 0))
        {
            return false;
        }
        var reach = triggersByComponent.Values.SelectMany(l => l).Aggregate(Duration.Zero, (widest, a) => Duration.Max(widest, a.Reach));
        var widen = reach + Margin;
        foreach (var occurrence in SeriesExpansion.Expand(group, clock, rules, range.Start - widen, range.End + widen, maxInstances))
        {
            if (triggersByComponent.TryGetValue(occurrence.Component, out var alarms)
                && alarms.Any(a => TimeRangeRules.AlarmOverlaps(range, a.For(occurrence.Start, occurrence.End))))
            {
                return true;
            }
        }
        // Absolute triggers fire even when no instance falls near the range.
        return triggersByComponent.Values.SelectMany(l => l).Where(a => a.IsAbsolute)
            .Any(a => TimeRangeRules.AlarmOverlaps(range, a.For(Instant.MinValue, Instant.MinValue)));
    }
}
