using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;

namespace AuroraTime.Bench.Ical;

/// <summary>
/// What a PUT pays for the time-range data stored with an object, on the two shapes of bench/peers/workload.py
/// (a one-hour UTC event, and the same as a weekly series of 20): the parse every PUT does anyway, the
/// prefilter bounds (<see cref="TimeRangeFilter.OccurrenceBounds"/>) and the instance list behind the stored
/// instance index (<see cref="TimeRangeFilter.EventSpans"/>). Prints process CPU microseconds per call
/// (median of runs of 2,000 calls each).
/// </summary>
internal static class RangeIndexMeasurement
{
    private const int CallsPerRun = 2000;

    public static void Run(int runs)
    {
        foreach (var (name, rule) in new[] { ("single event", ""), ("weekly series of 20", "RRULE:FREQ=WEEKLY;COUNT=20\r\n") })
        {
            var bytes = Encoding.UTF8.GetBytes(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime//bench peers//EN\r\nBEGIN:VEVENT\r\nUID:bench-5@auroratime.test\r\n" +
                "DTSTAMP:20260101T000000Z\r\nDTSTART:20260111T023000Z\r\nDTEND:20260111T033000Z\r\nSUMMARY:Bench event 5 rev 0\r\n" +
                $"DESCRIPTION:Deterministic benchmark event number 5\\, for the side-by-side run.\r\n{rule}END:VEVENT\r\nEND:VCALENDAR\r\n");
            var calendar = CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient);
            Report(name, "parse", runs, () => CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient));
            Report(name, "occurrence bounds", runs, () => TimeRangeFilter.OccurrenceBounds(calendar, TimeZoneResolver.Default));
            Report(name, "event spans (instance index)", runs, () => TimeRangeFilter.EventSpans(calendar, TimeZoneResolver.Default));
        }
    }

    private static void Report(string shape, string what, int runs, Func<object?> call)
    {
        void Calls()
        {
            for (var i = 0; i < CallsPerRun; i++)
            {
                GC.KeepAlive(call());
            }
        }
        Calls(); // warm-up: tiered JIT
        Calls();
        var (_, cpuMs) = CpuTimeMeasurement.Medians(runs, Calls);
        Console.WriteLine($"{shape}: {what} {cpuMs * 1000 / CallsPerRun:F1} us CPU/call");
    }
}
