using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>Reads the time properties the RFC 4791 section 9.9 tables look at.</summary>
internal static class ComponentTimes
{
    /// <exception cref="IcalFormatException">The property value is malformed.</exception>
    public static Instant? Read(CalendarComponent component, string name, OccurrenceClock clock)
    {
        var property = component.GetProperty(name);
        return property is null ? null : clock.ToInstant(IcalDateTime.FromProperty(property));
    }

    public static bool Has(CalendarComponent component, string name) => component.GetProperty(name) is not null;

    public static bool HasDateStart(CalendarComponent component) =>
        component.GetProperty("DTSTART") is { } start && IcalDateTime.FromProperty(start).IsDate;

    /// <summary>The FREEBUSY periods of a VFREEBUSY (RFC 5545 section 3.8.2.6).</summary>
    public static IEnumerable<(Instant Start, Instant End)> FreeBusyPeriods(CalendarComponent freeBusy, OccurrenceClock clock)
    {
        foreach (var property in freeBusy.GetProperties("FREEBUSY"))
        {
            foreach (var period in DateTimeListValue.ParsePeriods(property))
            {
                var start = clock.ToInstant(period.Start);
                var end = period.End is { } e ? clock.ToInstant(e)
                    : period.Duration is { } d ? clock.Resolve(period.Start.Local.PlusDays(d.NominalDays), clock.SeriesZone(period.Start)) + d.ExactPart
                    : start;
                yield return (start, end);
            }
        }
    }
}
