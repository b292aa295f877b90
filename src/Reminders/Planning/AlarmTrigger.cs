using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Reminders.Planning;

/// <summary>
/// A VALARM's TRIGGER with its REPEAT/DURATION (RFC 5545 sections 3.8.6.3 and 3.8.6.2).
/// </summary>
internal sealed class AlarmTrigger
{
    private AlarmTrigger(Instant? absolute, IcalDuration offset, bool relatedToEnd, int repeat, Duration interval)
    {
        Absolute = absolute;
        Offset = offset;
        RelatedToEnd = relatedToEnd;
        Repeat = repeat;
        Interval = interval;
    }

    /// <summary>VALUE=DATE-TIME: "the value type ... MUST be specified as a UTC value" (3.8.6.3).</summary>
    public Instant? Absolute { get; }

    public IcalDuration Offset { get; }

    /// <summary>RELATED=END: "the alarm will trigger relative to the end of the event" (3.8.6.3).</summary>
    public bool RelatedToEnd { get; }

    public int Repeat { get; }

    public Duration Interval { get; }

    /// <summary>How far from its instance start the alarm can fire (bounds the expansion window).</summary>
    public Duration Reach
    {
        get
        {
            var offset = Duration.FromDays(Math.Abs(Offset.NominalDays) + 1) + Offset.ExactPart;
            return (offset < Duration.Zero ? -offset : offset) + Interval * Repeat;
        }
    }

    /// <summary>Null when the VALARM has no usable TRIGGER.</summary>
    /// <exception cref="IcalFormatException">TRIGGER, REPEAT or DURATION is malformed.</exception>
    public static AlarmTrigger? Of(CalendarComponent alarm, DateTimeZone floatingZone)
    {
        var trigger = alarm.GetProperty("TRIGGER");
        if (trigger is null)
        {
            return null;
        }
        var repeat = 0;
        var interval = Duration.Zero;
        // 3.8.6.2 / 3.6.6: "'duration' and 'repeat' are both OPTIONAL, and MUST NOT occur more than
        // once each; but if one occurs, so MUST the other".
        if (alarm.GetProperty("REPEAT") is { } repeatProperty && alarm.GetProperty("DURATION") is { } durationProperty)
        {
            if (!int.TryParse(repeatProperty.RawValue.Trim(), out repeat) || repeat is < 0 or > 1000)
            {
                throw new IcalFormatException($"invalid REPEAT '{repeatProperty.RawValue}'", repeatProperty.Line, 0);
            }
            var d = ParseDuration(durationProperty);
            interval = Duration.FromDays(d.NominalDays) + d.ExactPart;
            if (interval <= Duration.Zero)
            {
                repeat = 0;
            }
        }
        if (string.Equals(trigger.GetParameterValue("VALUE"), "DATE-TIME", StringComparison.OrdinalIgnoreCase))
        {
            var value = IcalDateTime.FromProperty(trigger);
            var zone = value.Kind == IcalTimeKind.Utc ? DateTimeZone.Utc : floatingZone;
            return new AlarmTrigger(LocalTimeResolution.Resolve(value.Local, zone).ToInstant(), IcalDuration.Zero, false, repeat, interval);
        }
        var relatedToEnd = string.Equals(trigger.GetParameterValue("RELATED"), "END", StringComparison.OrdinalIgnoreCase);
        return new AlarmTrigger(null, ParseDuration(trigger), relatedToEnd, repeat, interval);
    }

    /// <summary>
    /// The first firing for an instance. Days and weeks are nominal (RFC 5545 section 3.3.6: "the exact
    /// duration requires the subtraction or addition of the change of duration of the discontinuity"),
    /// so they are added to the wall time in the instance's zone, then the exact part is added.
    /// </summary>
    public Instant FirstFiring(Instant start, Instant end, DateTimeZone instanceZone)
    {
        if (Absolute is { } absolute)
        {
            return absolute;
        }
        var anchor = RelatedToEnd ? end : start;
        var days = Offset.NominalDays;
        if (days != 0)
        {
            var local = anchor.InZone(instanceZone).LocalDateTime.PlusDays(days);
            anchor = LocalTimeResolution.Resolve(local, instanceZone).ToInstant();
        }
        return anchor + Offset.ExactPart;
    }

    /// <summary>The firing and its repetitions: trigger + k * DURATION for k = 0..REPEAT.</summary>
    public IEnumerable<Instant> Firings(Instant first)
    {
        for (var k = 0; k <= Repeat; k++)
        {
            yield return first + Interval * k;
        }
    }

    private static IcalDuration ParseDuration(CalendarProperty property) =>
        IcalDuration.TryParse(property.RawValue.Trim(), out var value)
            ? value
            : throw new IcalFormatException($"invalid {property.Name} duration '{property.RawValue}'", property.Line, 0);
}
