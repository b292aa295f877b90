using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Bench.Ical;

/// <summary>
/// Recurrence expansion side by side with ical.js (bench/icaljs/expand-bench.mjs does the same on
/// the same file): every recurring VEVENT of the benchmark calendar expanded in full (its RRULE has
/// a COUNT, EXDATEs apply), all instances counted. Prints one line: "Expand wallMs cpuMs instances
/// series", medians over the runs. The instance count is printed so the two sides can be checked to
/// have done the same work.
/// </summary>
internal static class ExpandMeasurement
{
    public static void Run(string path, int runs)
    {
        var calendar = CalendarParser.ParseSingle(File.ReadAllBytes(path), IcalReaderOptions.Lenient);
        var zones = TimeZoneResolver.Default.WithCalendar(calendar);
        var series = calendar.GetComponents("VEVENT").Where(e => e.GetProperty("RRULE") is not null)
            .Select(e => (IReadOnlyList<CalendarComponent>)[e]).ToList();
        var instances = 0;
        int ExpandAll()
        {
            var count = 0;
            foreach (var group in series)
            {
                foreach (var _ in OccurrenceExpander.Expand(group, zones, DateTimeZone.Utc, null, null, RecurrenceLimits.Default))
                {
                    count++;
                }
            }
            return count;
        }
        for (var i = 0; i < 3; i++)
        {
            instances = ExpandAll();
        }
        var (wallMs, cpuMs) = CpuTimeMeasurement.Medians(runs, () => ExpandAll());
        Console.WriteLine($"Expand {wallMs:F2} {cpuMs:F2} {instances} {series.Count}");
    }
}
