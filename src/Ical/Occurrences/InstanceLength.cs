using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// How long each instance of a component lasts, from DTEND/DUE, DURATION or the defaults.
/// RFC 5545 section 3.8.5.3: with DTEND (or DUE) "the same exact duration will apply to all the
/// members of the generated recurrence set"; with DURATION the same nominal duration applies, days
/// in local time and the rest on the timeline (section 3.3.6). A DATE DTEND is a whole number of
/// days, so it is applied as nominal days too. Without either, a VEVENT with a DATE start lasts one
/// day (section 3.6.1) and anything else is an instant.
/// </summary>
internal sealed class InstanceLength
{
    private readonly int nominalDays;
    private readonly Duration exact;

    private InstanceLength(EventEndKind kind, int nominalDays, Duration exact)
    {
        Kind = kind;
        this.nominalDays = nominalDays;
        this.exact = exact;
    }

    public EventEndKind Kind { get; }

    /// <summary>An upper bound of any instance's length, for looking back from a window start.</summary>
    public Duration MaxLength => Duration.FromHours(25L * Math.Max(0, nominalDays)) + Duration.Max(exact, Duration.Zero);

    /// <exception cref="IcalFormatException">DTEND/DUE/DURATION is malformed.</exception>
    public static InstanceLength Of(CalendarComponent component, IcalDateTime start, OccurrenceClock clock)
    {
        var endProperty = component.GetProperty(IsTodo(component) ? "DUE" : "DTEND");
        if (endProperty is not null)
        {
            var end = IcalDateTime.FromProperty(endProperty);
            if (start.IsDate && end.IsDate)
            {
                var days = Period.Between(start.Date, end.Date, PeriodUnits.Days).Days;
                return new InstanceLength(EventEndKind.DtEnd, Math.Max(0, days), Duration.Zero);
            }
            var span = clock.ToInstant(end) - clock.ToInstant(start);
            return new InstanceLength(EventEndKind.DtEnd, 0, Duration.Max(span, Duration.Zero));
        }
        var durationProperty = component.GetProperty("DURATION");
        if (durationProperty is not null)
        {
            if (!IcalDuration.TryParse(durationProperty.RawValue.Trim(), out var duration))
            {
                throw new IcalFormatException($"invalid DURATION '{durationProperty.RawValue}'", durationProperty.Line, 0);
            }
            // A negative duration makes no sense for an instance; treat it as zero length.
            return duration.IsNegative
                ? new InstanceLength(EventEndKind.Duration, 0, Duration.Zero)
                : new InstanceLength(EventEndKind.Duration, duration.NominalDays, duration.ExactPart);
        }
        var defaultDays = start.IsDate && !IsTodo(component) ? 1 : 0;
        return new InstanceLength(EventEndKind.None, defaultDays, Duration.Zero);
    }

    /// <summary>The end of an instance starting at <paramref name="localStart"/> (in <paramref name="zone"/>, null = floating).</summary>
    public Instant EndOf(LocalDateTime localStart, Instant start, DateTimeZone? zone, OccurrenceClock clock)
    {
        var afterDays = nominalDays == 0 ? start : clock.Resolve(localStart.PlusDays(nominalDays), zone);
        return afterDays + exact;
    }

    private static bool IsTodo(CalendarComponent component) =>
        string.Equals(component.Name, "VTODO", StringComparison.OrdinalIgnoreCase);
}
