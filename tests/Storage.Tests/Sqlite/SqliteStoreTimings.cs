using System.Diagnostics;
using System.Text;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using Xunit.Abstractions;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>
/// Sanity numbers, printed and never asserted (machines differ; BenchmarkDotNet in bench/ is for real
/// measurements). See them with: dotnet test --filter "FullyQualifiedName~SqliteStoreTimings"
/// --logger "console;verbosity=detailed".
/// </summary>
public sealed class SqliteStoreTimings(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SqliteStoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Print_time_per_operation_for_a_calendar_of_two_thousand_objects()
    {
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath));
        var work = new CollectionRef("alice", "work");
        await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await store.CreateCollectionAsync(work, CollectionKind.Calendar, CollectionProperties.Empty);
        var start = NodaTime.Instant.FromUtc(2026, 1, 1, 9, 0);
        const int count = 2000;

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var uid = $"event-{i:D5}";
            var body = Encoding.UTF8.GetBytes(
                $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n" +
                $"DTSTART:20260101T090000Z\r\nSUMMARY:Event number {i} with a reasonably long summary line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
            var first = start + NodaTime.Duration.FromHours(i);
            await store.PutObjectAsync(work.Object(uid + ".ics"),
                new ObjectContent(body, "text/calendar", uid, "VEVENT", first, first + NodaTime.Duration.FromHours(1)), WritePrecondition.IfNoneMatchAny);
        }

        Report($"{count} puts (If-None-Match: *, each its own transaction)", clock.Elapsed, count);
        var token = (await store.GetCollectionAsync(work))!.SyncToken;

        var hrefs = Enumerable.Range(0, 100).Select(i => $"event-{i * 20:D5}.ics").ToList();
        clock.Restart();
        var found = await store.GetObjectsAsync(work, hrefs);
        Report($"first multiget of 100, cold (found {found.Count})", clock.Elapsed, 1);
        clock.Restart();
        found = await store.GetObjectsAsync(work, hrefs.Skip(1).ToList());
        Report($"multiget of 99, warm (found {found.Count})", clock.Elapsed, 1);

        for (var i = 0; i < 10; i++)
        {
            var uid = $"event-{i * 7:D5}";
            await store.PutObjectAsync(work.Object(uid + ".ics"),
                new ObjectContent(Encoding.UTF8.GetBytes("changed " + i), "text/calendar", uid, "VEVENT", start, null), WritePrecondition.None);
        }

        clock.Restart();
        var changes = await store.GetChangesAsync(work, token, 100);
        Report($"changes since token ({changes.Changes.Count} changes)", clock.Elapsed, 1);

        clock.Restart();
        var page = await store.FindObjectsInRangeAsync(work,
            new TimeRangeQuery(start + NodaTime.Duration.FromDays(30), start + NodaTime.Duration.FromDays(37), "VEVENT"), PageRequest.First(1000));
        Report($"time-range prefilter, one week of {count} ({page.Items.Count} candidates)", clock.Elapsed, 1);

        clock.Restart();
        var listed = 0;
        PageRequest? request = PageRequest.First(500);
        while (request is not null)
        {
            var summaries = await store.ListObjectsAsync(work, request);
            listed += summaries.Items.Count;
            request = summaries.NextRequest(500);
        }

        Report($"list all {listed} summaries in pages of 500", clock.Elapsed, 1);

        clock.Restart();
        for (var i = 0; i < 1000; i++)
        {
            await store.GetObjectAsync(work.Object($"event-{i:D5}.ics"));
        }

        Report("1000 single gets", clock.Elapsed, 1000);
    }

    private void Report(string what, TimeSpan elapsed, int operations) =>
        output.WriteLine($"{what}: {elapsed.TotalMilliseconds:F1} ms total, {elapsed.TotalMilliseconds * 1000 / operations:F0} µs per op");
}
