using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// The EXDATE set of a master (RFC 5545 section 3.8.5.1), matched against each instance's
/// original start. DATE-TIME values match by instant. A DATE value excludes the whole local day
/// of the series: exact for all-day series, and the lenient reading for DATE-TIME series, where
/// Evolution and older Outlook versions write DATE exclusions.
/// </summary>
internal sealed class ExcludedDates
{
    private readonly HashSet<Instant> instants = [];
    private readonly HashSet<LocalDate> days = [];

    /// <exception cref="IcalFormatException">An EXDATE is malformed.</exception>
    public static ExcludedDates Of(CalendarComponent master, bool seriesIsDate, OccurrenceClock clock)
    {
        var result = new ExcludedDates();
        foreach (var property in master.GetProperties("EXDATE"))
        {
            foreach (var value in DateTimeListValue.Parse(property))
            {
                if (value.IsDate || seriesIsDate)
                {
                    // A DATE-TIME EXDATE on an all-day series names its day (lenient).
                    result.days.Add(value.Date);
                }
                else
                {
                    result.instants.Add(clock.ToInstant(value));
                }
            }
        }
        return result;
    }

    public bool IsEmpty => instants.Count == 0 && days.Count == 0;

    public bool Excludes(LocalDateTime localStart, Instant start) =>
        instants.Contains(start) || days.Contains(localStart.Date);
}
