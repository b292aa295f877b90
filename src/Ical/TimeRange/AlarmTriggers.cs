using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// When a VALARM fires for one instance of its parent (RFC 5545 section 3.8.6.3): a relative
/// TRIGGER is measured from the instance's start, or its end with RELATED=END; an absolute one
/// (VALUE=DATE-TIME) is the same for every instance. REPEAT and DURATION add repetitions
/// (section 3.8.6.2). Days of a relative trigger are taken as 24 hours: the alarm has no zone
/// of its own, and a one-hour drift across a DST change is within what clients show.
/// </summary>
internal sealed class AlarmTriggers
{
    private readonly Instant? absolute;
    private readonly Duration offset;
    private readonly bool relatedToEnd;
    private readonly int repeat;
    private readonly Duration interval;

    private AlarmTriggers(Instant? absolute, Duration offset, bool relatedToEnd, int repeat, Duration interval)
    {
        this.absolute = absolute;
        this.offset = offset;
        this.relatedToEnd = relatedToEnd;
        this.repeat = repeat;
        this.interval = interval;
    }

    /// <summary>How far from its instance an alarm can fire, for widening an expansion window.</summary>
    public Duration Reach => (offset < Duration.Zero ? -offset : offset) + interval * repeat;

    public bool IsAbsolute => absolute is not null;

    /// <summary>Null when the VALARM has no TRIGGER (the validator rejects that).</summary>
    /// <exception cref="IcalFormatException">TRIGGER, REPEAT or DURATION is malformed.</exception>
    public static AlarmTriggers? Of(CalendarComponent alarm, OccurrenceClock clock)
    {
        var trigger = alarm.GetProperty("TRIGGER");
        if (trigger is null)
        {
            return null;
        }
        var repeat = 0;
        var interval = Duration.Zero;
        var repeatProperty = alarm.GetProperty("REPEAT");
        var durationProperty = alarm.GetProperty("DURATION");
        if (repeatProperty is not null && durationProperty is not null)
        {
            if (!int.TryParse(repeatProperty.RawValue.Trim(), out repeat) || repeat < 0 || repeat > 10_000)
            {
                throw new IcalFormatException($"invalid REPEAT '{repeatProperty.RawValue}'", repeatProperty.Line, 0);
            }
            interval = ToDuration(ParseDuration(durationProperty));
        }
        var valueType = trigger.GetParameterValue("VALUE");
        if (string.Equals(valueType, "DATE-TIME", StringComparison.OrdinalIgnoreCase))
        {
            return new AlarmTriggers(clock.ToInstant(IcalDateTime.FromProperty(trigger)), Duration.Zero, false, repeat, interval);
        }
        var related = trigger.GetParameterValue("RELATED");
        var relatedToEnd = string.Equals(related, "END", StringComparison.OrdinalIgnoreCase);
        return new AlarmTriggers(null, ToDuration(ParseDuration(trigger)), relatedToEnd, repeat, interval);
    }

    /// <summary>
    /// The alarms of each component of a series (keyed by reference: overrides may be equal in value),
    /// read once so that every instance of a component reuses them.
    /// </summary>
    /// <exception cref="IcalFormatException">A TRIGGER, REPEAT or DURATION is malformed.</exception>
    public static Dictionary<CalendarComponent, List<AlarmTriggers>> ByComponent(IEnumerable<CalendarComponent> group, OccurrenceClock clock)
    {
        var byComponent = new Dictionary<CalendarComponent, List<AlarmTriggers>>(ReferenceEqualityComparer.Instance);
        foreach (var component in group)
        {
            var triggers = new List<AlarmTriggers>();
            foreach (var alarm in component.GetComponents("VALARM"))
            {
                if (Of(alarm, clock) is { } alarmTriggers)
                {
                    triggers.Add(alarmTriggers);
                }
            }
            byComponent[component] = triggers;
        }
        return byComponent;
    }

    public IEnumerable<Instant> For(Instant instanceStart, Instant instanceEnd)
    {
        var first = absolute ?? (relatedToEnd ? instanceEnd : instanceStart) + offset;
        return TimeRangeRules.AlarmTriggerTimes(first, repeat, interval);
    }

    private static IcalDuration ParseDuration(CalendarProperty property) =>
        IcalDuration.TryParse(property.RawValue.Trim(), out var value)
            ? value
            : throw new IcalFormatException($"invalid {property.Name} duration '{property.RawValue}'", property.Line, 0);

    private static Duration ToDuration(IcalDuration value) => Duration.FromDays(value.NominalDays) + value.ExactPart;
}
