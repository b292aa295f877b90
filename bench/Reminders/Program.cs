using System.Diagnostics;
using System.Globalization;
using System.Text;
using AuroraTime.Reminders;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

// Issue 5 item 8 over a real SQLite file: with N pending alarms (default 100,000) the process's
// memory does not grow with N (managed heap and RSS before and after loading them, and after
// thousands of scheduler wake-ups), a wake-up (finding the next due firing) stays cheap, and
// re-planning a PUT of an event with an alarm adds at most 1 ms (median of PUT + reconcile minus
// median of the bare PUT, alternated on the same file).
var alarms = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var folder = Directory.CreateTempSubdirectory("aurora-reminder-bench-");
try
{
    var clock = new BenchClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
    await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder.FullName, "aurora.db"), clock));
    await store.CreateAccountAsync("alice", "x", new AccountSettings("Europe/Berlin"));
    var calendar = new CollectionRef("alice", "calendar");
    await store.CreateCollectionAsync(calendar, CollectionKind.Calendar, new CollectionProperties());
    var options = ReminderOptions.Default;
    var signal = new PlanChangeSignal();
    var reconciler = new ReminderReconciler(store, options, signal, clock);
    var sender = new CountingSender();
    var dispatcher = new ReminderDispatcher(store, reconciler, sender, options, clock, NullLogger.Instance);
    var scheduler = new ReminderScheduler(store, dispatcher, signal, options, clock, NullLogger<ReminderScheduler>.Instance);

    Console.WriteLine($"alarms: {alarms}; load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    var before = Memory.Snapshot();
    Console.WriteLine($"memory before loading: {before}");

    // Load: one event per alarm, spread over the year, each with a DISPLAY alarm 15 minutes before.
    var load = Stopwatch.StartNew();
    for (var i = 0; i < alarms; i++)
    {
        var resource = calendar.Object($"e{i}.ics");
        var data = Event(i, alarms);
        var written = await store.PutObjectAsync(resource, new ObjectContent(data, "text/calendar"), WritePrecondition.None);
        await reconciler.PlanWrittenAsync(resource, written.ETag!.Value, data, written.ClearedReminders, CancellationToken.None);
        if (i + 1 == Math.Min(1_000, alarms))
        {
            // After the fixed costs (JIT, SQLite's library and page caches) and before the bulk.
            Console.WriteLine($"memory after the first {i + 1} events: {Memory.Snapshot()}");
        }
    }
    load.Stop();
    var pending = 0;
    for (var page = await store.ListDueRemindersAsync(Instant.MaxValue, PageRequest.First(1000)); ; page = await store.ListDueRemindersAsync(Instant.MaxValue, page.NextRequest(1000)!))
    {
        pending += page.Items.Count;
        if (!page.HasMore)
        {
            break;
        }
    }
    Console.WriteLine($"loaded {alarms} events in {load.Elapsed.TotalSeconds:F1} s; pending firings in the store: {pending}");
    var loaded = Memory.Snapshot();
    Console.WriteLine($"memory after loading:  {loaded}");

    // Wake-up: what the scheduler does each time it wakes with nothing due yet.
    Report("wake-up: next due firing (NextDueAsync)", await MeasureAsync(async () => await scheduler.NextDueAsync(CancellationToken.None), 2_000), 1);
    Report("wake-up: run due with nothing due (RunDueAsync)", await MeasureAsync(async () => await scheduler.RunDueAsync(CancellationToken.None), 2_000), 1);

    // Firing: move the clock firing by firing through the first 2,000 and dispatch each.
    var fired = new List<double>();
    for (var i = 0; i < 2_000; i++)
    {
        var next = await scheduler.NextDueAsync(CancellationToken.None) ?? (await store.ListDueRemindersAsync(Instant.MaxValue, PageRequest.First(1))).Items[0].DueAt;
        clock.Now = next.ToDateTimeOffset();
        var watch = Stopwatch.StartNew();
        await scheduler.RunDueAsync(CancellationToken.None);
        fired.Add(watch.Elapsed.TotalMilliseconds);
    }
    Report($"wake-up that fires one due alarm ({sender.Count} sent)", [.. fired.Order()], 5);
    var afterWakeUps = Memory.Snapshot();
    Console.WriteLine($"memory after 6,000 wake-ups: {afterWakeUps}");

    // PUT with and without the reminder reconcile, alternated on the same objects.
    var bare = new List<double>();
    var reconciled = new List<double>();
    for (var i = 0; i < 2_000; i++)
    {
        var resource = calendar.Object($"e{alarms - 1 - i}.ics");
        var data = Event(alarms - 1 - i, alarms, edit: i);
        var watch = Stopwatch.StartNew();
        var written = await store.PutObjectAsync(resource, new ObjectContent(data, "text/calendar"), WritePrecondition.None);
        if (i % 2 == 1)
        {
            await reconciler.PlanWrittenAsync(resource, written.ETag!.Value, data, written.ClearedReminders, CancellationToken.None);
            reconciled.Add(watch.Elapsed.TotalMilliseconds);
        }
        else
        {
            bare.Add(watch.Elapsed.TotalMilliseconds);
        }
    }
    var bareSorted = bare.Order().ToArray();
    var reconciledSorted = reconciled.Order().ToArray();
    Report("PUT (store write only)", bareSorted, double.NaN);
    Report("PUT + reminder reconcile", reconciledSorted, double.NaN);
    var added = Median(reconciledSorted) - Median(bareSorted);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"reconcile adds {added:F3} ms to the median PUT (target <= 1 ms: {(added <= 1 ? "met" : "missed")})"));
    Report("reconcile alone (PlanWrittenAsync)", await MeasureAsync(async () =>
    {
        var resource = calendar.Object("e0.ics");
        var stored = (await store.GetObjectAsync(resource))!;
        await reconciler.PlanWrittenAsync(resource, stored.ETag, stored.Data, [], CancellationToken.None);
    }, 2_000), 1);
    Console.WriteLine($"memory at the end: {Memory.Snapshot()}; load average: {File.ReadAllText("/proc/loadavg").Trim()}");
}
finally
{
    folder.Delete(recursive: true);
}

static byte[] Event(int i, int count, int edit = 0)
{
    // Starts from 2 Jan 2026 on, spread over a year; every 10th is a weekly series.
    var start = new LocalDateTime(2026, 1, 2, 8, 0).PlusMinutes((long)i * 525_600 / count);
    var rule = i % 10 == 0 ? "RRULE:FREQ=WEEKLY;COUNT=20\r\n" : "";
    var text = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:e{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n"
        + $"DTSTART;TZID=Europe/Berlin:{start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}\r\nDURATION:PT1H\r\n{rule}"
        + $"SUMMARY:Event {i} (edit {edit})\r\nLOCATION:Room {i % 40}\r\n"
        + "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    return Encoding.UTF8.GetBytes(text);
}

static async Task<double[]> MeasureAsync(Func<Task> operation, int runs)
{
    for (var i = 0; i < 20; i++)
    {
        await operation(); // warm-up: JIT, SQLite page cache
    }
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await operation();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times;
}

static double Median(double[] sorted) => sorted[sorted.Length / 2];

static void Report(string name, double[] sorted, double targetMs)
{
    var verdict = double.IsNaN(targetMs) ? "" : $" (target <= {targetMs} ms: {(Median(sorted) <= targetMs ? "met" : "missed")})";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: median {Median(sorted) * 1000:F0} us, p90 {sorted[(int)(sorted.Length * 0.9)] * 1000:F0} us, min {sorted[0] * 1000:F0} us{verdict}"));
}

/// <summary>A clock the harness moves by hand, so firings fall due without waiting.</summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Counts messages instead of delivering them (the sender is not what is measured).</summary>
internal sealed class CountingSender : IReminderSender
{
    public int Count { get; private set; }

    public Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Count++;
        return Task.FromResult(SendReceipt.AllAccepted);
    }
}

/// <summary>Managed heap after a full collection, and the process's resident set from /proc.</summary>
internal static class Memory
{
    public static string Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024);
        var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return string.Create(CultureInfo.InvariantCulture, $"managed heap {heap:F1} MB, RSS {long.Parse(rss, CultureInfo.InvariantCulture) / 1024.0:F1} MB");
    }
}
