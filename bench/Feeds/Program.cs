using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using NodaTime;

// The two things a feed request does, over a real SQLite file: the full feed (resolve the link, read
// Last-Modified, stream every event in the window) and the 304 path (resolve the link, compute the
// ETag). Targets: full feed <= 20 ms, 304 <= 1 ms, median.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var folder = Directory.CreateTempSubdirectory("aurora-feed-bench-");
try
{
    await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder.FullName, "aurora.db")));
    await store.CreateAccountAsync("alice", "x", AccountSettings.Default);
    var calendar = new CollectionRef("alice", "work");
    await store.CreateCollectionAsync(calendar, CollectionKind.Calendar, new CollectionProperties(DisplayName: "Work"));
    var now = DateTime.UtcNow.Date;
    for (var i = 0; i < events; i++)
    {
        // Spread over the default window (90 days back, 18 months ahead): every event is in the feed.
        var start = now.AddDays(-80).AddHours(i * 7 % 24).AddDays(i * 600.0 / events);
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:e{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n"
            + $"DTSTART;TZID=Europe/Berlin:{start:yyyyMMdd'T'HHmmss}\r\nDURATION:PT1H\r\nSUMMARY:Event {i} with an ordinary title\r\n"
            + $"DESCRIPTION:Some notes for event {i}\\, about a line long.\r\nLOCATION:Room {i % 40}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var data = Encoding.UTF8.GetBytes(ics);
        var (first, last) = TimeRangeFilter.OccurrenceBounds(CalendarParser.ParseSingle(data), TimeZoneResolver.Default);
        await store.PutObjectAsync(calendar.Object($"e{i}.ics"), new ObjectContent(data, "text/calendar", $"e{i}@bench", "VEVENT", first, last), WritePrecondition.None);
    }
    var tokens = new FeedTokens(new byte[32]);
    var token = tokens.Mint();
    await store.CreateFeedLinkAsync(token.TokenId, "alice", "work", FeedScope.Full);
    var options = new FeedOptions();
    var resolver = new FeedLinkResolver(store, tokens, options);
    var generator = new FeedGenerator(store, options);

    async Task<long> FullFeedAsync()
    {
        var source = (await resolver.ResolveAsync(token.Token, CancellationToken.None))!;
        var window = FeedWindow.Around(SystemClock.Instance.GetCurrentInstant(), options);
        _ = source.ETag(window);
        _ = await generator.LastModifiedAsync(source, window.Start, CancellationToken.None);
        var sink = new MemoryStream();
        var output = PipeWriter.Create(sink);
        var written = await generator.WriteAsync(source, window, output, CancellationToken.None);
        await output.CompleteAsync();
        return written;
    }

    async Task<long> NotModifiedAsync()
    {
        var source = (await resolver.ResolveAsync(token.Token, CancellationToken.None))!;
        return source.ETag(FeedWindow.Around(SystemClock.Instance.GetCurrentInstant(), options)).Length;
    }

    Console.WriteLine($"calendar: {events} events; events in feed: {await FullFeedAsync()}; runs: {runs}; load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    Report("full feed", await MeasureAsync(FullFeedAsync, runs), 20);
    Report("304 path ", await MeasureAsync(NotModifiedAsync, runs * 10), 1);
}
finally
{
    folder.Delete(recursive: true);
}

static async Task<double[]> MeasureAsync(Func<Task<long>> operation, int runs)
{
    for (var i = 0; i < 5; i++)
    {
        await operation(); // warm-up: JIT, SQLite page cache
    }
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await operation();
        times[i] = clock.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times;
}

static void Report(string name, double[] sorted, double targetMs)
{
    var median = sorted[sorted.Length / 2];
    var p90 = sorted[(int)(sorted.Length * 0.9)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: median {median:F3} ms, p90 {p90:F3} ms, min {sorted[0]:F3} ms (target <= {targetMs} ms: {(median <= targetMs ? "met" : "missed")})"));
}
