using System.Buffers;
using System.Globalization;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Writing;
using AuroraTime.Storage.Contract;
using NodaTime;

/// <summary>
/// Where the time of one uncached feed goes: each phase of <see cref="FeedGenerator"/>'s per-object work
/// run on its own over the whole calendar, with the same calls the generator makes, so the phases add up
/// to roughly one cold feed. Medians over a few runs; the machine is shared, so read them as proportions.
/// </summary>
internal static class PhaseBreakdown
{
    public static async Task ReportAsync(IStore store, FeedSource source, FeedWindow window, int runs)
    {
        var zones = TimeZoneResolver.Default;
        var floating = zones.Find(source.TimeZoneId) ?? DateTimeZone.Utc;
        var query = new TimeRangeQuery(window.Start, window.End, "VEVENT");
        var options = new FeedOptions();
        List<StoredObject> stored = [];
        List<CalendarComponent> parsed = [];
        List<CalendarComponent> filtered = [];
        var timeZones = new FeedTimeZoneCache();
        var phases = new (string Name, Func<Task> Run)[]
        {
            ("store page reads", async () =>
            {
                stored = [];
                foreach (var calendar in source.Calendars)
                {
                    PageRequest? page = PageRequest.First(options.PageSize);
                    while (page is not null)
                    {
                        var found = await store.FindObjectsInRangeAsync(calendar.Ref, query, page, CancellationToken.None);
                        stored.AddRange(found.Items);
                        page = found.NextRequest(options.PageSize);
                    }
                }
            }),
            ("parse", () =>
            {
                parsed = stored.ConvertAll(s => CalendarParser.ParseSingle(s.Data.Span, IcalReaderOptions.Lenient));
                return Task.CompletedTask;
            }),
            ("time-range test", () =>
            {
                for (var i = 0; i < stored.Count; i++)
                {
                    _ = FeedRangeTest.BoundsLieInside(stored[i].Summary, window) && FeedRangeTest.HasOnlySingleInstanceEvents(parsed[i])
                        || TimeRangeFilter.Overlaps(parsed[i], "VEVENT", window.Start, window.End, zones, floating);
                }
                return Task.CompletedTask;
            }),
            ("scope filter", () =>
            {
                filtered = parsed.SelectMany(p => FeedScopeFilter.Apply(p, source.Link.Scope, source.Link.TokenId)).ToList();
                return Task.CompletedTask;
            }),
            ("TZID scan + VTIMEZONE", () =>
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var vevent in filtered)
                {
                    foreach (var property in vevent.Properties)
                    {
                        if (property.GetParameterValue("TZID") is { Length: > 0 } tzid && written.Add(tzid) && zones.Find(tzid) is { } zone)
                        {
                            timeZones.Get(tzid, zone, window.Start - Duration.FromDays(366), window.End);
                        }
                    }
                }
                return Task.CompletedTask;
            }),
            ("cut from stored bytes", () =>
            {
                // What a full-scope link does instead of parse + scope filter + write, for objects in serialised form
                // (the growth shape's over-long DESCRIPTION lines are not: those return null and are parsed instead).
                foreach (var s in stored)
                {
                    _ = StoredEventSlicer.TrySlice(s.Data.Span);
                }
                return Task.CompletedTask;
            }),
            ("write events", () =>
            {
                var output = new ArrayBufferWriter<byte>(1 << 20);
                foreach (var vevent in filtered)
                {
                    CalendarSerializer.Write(vevent, output);
                }
                return Task.CompletedTask;
            }),
        };
        var medians = new double[phases.Length];
        var samples = new double[phases.Length][];
        for (var p = 0; p < phases.Length; p++)
        {
            samples[p] = new double[runs];
        }
        await phases[0].Run(); // warm-up: JIT
        for (var p = 1; p < phases.Length; p++)
        {
            await phases[p].Run();
        }
        for (var r = 0; r < runs; r++)
        {
            for (var p = 0; p < phases.Length; p++)
            {
                // Process CPU time, not wall: on the shared machine the wait for a core swamps a few milliseconds.
                var cpuBefore = ProcessCpuClock.NowNanoseconds();
                await phases[p].Run();
                samples[p][r] = (ProcessCpuClock.NowNanoseconds() - cpuBefore) / 1e6;
            }
        }
        Console.WriteLine($"phase breakdown of an uncached feed, CPU time ({stored.Count} objects, median of {runs} runs):");
        for (var p = 0; p < phases.Length; p++)
        {
            Array.Sort(samples[p]);
            medians[p] = samples[p][runs / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {phases[p].Name,-24} {medians[p],8:F2} ms  ({1000 * medians[p] / Math.Max(1, stored.Count):F1} us per object)"));
        }
        Console.WriteLine("  (\"cut from stored bytes\" replaces parse + scope filter + write events for a full-scope link)");
    }
}
