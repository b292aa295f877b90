using System.Text;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using NodaTime;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>
/// The read paths at a size where paging and the listing's page-at-once decoding matter: 2,000 objects,
/// read back by multiget, change log, time-range prefilter, paged listing and single gets, each checked
/// for exactly what it returns. Timing belongs to bench/ (BenchmarkDotNet, bench/cpu), not here.
/// </summary>
public sealed class SqliteLargeCalendarTests : IAsyncLifetime
{
    private const int Count = 2000;
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 9, 0);
    private readonly SqliteStoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_calendar_of_two_thousand_objects_reads_back_exactly()
    {
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath));
        var work = new CollectionRef("alice", "work");
        await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await store.CreateCollectionAsync(work, CollectionKind.Calendar, CollectionProperties.Empty);
        // Object i lasts one hour from Start + i hours.
        var bounds = new Dictionary<string, (Instant? First, Instant? Last)>();
        for (var i = 0; i < Count; i++)
        {
            var first = Start + Duration.FromHours(i);
            var written = await store.PutObjectAsync(work.Object(Href(i)),
                new ObjectContent(Body(i), "text/calendar", Uid(i), "VEVENT", first, first + Duration.FromHours(1)), WritePrecondition.IfNoneMatchAny);
            Assert.Equal(StoreOutcome.Created, written.Outcome);
            bounds[Href(i)] = (first, first + Duration.FromHours(1));
        }
        var token = (await store.GetCollectionAsync(work))!.SyncToken;

        var hrefs = Enumerable.Range(0, 100).Select(i => Href(i * 20)).ToList();
        var found = await store.GetObjectsAsync(work, hrefs);
        Assert.Equal(hrefs.Order(StringComparer.Ordinal), found.Select(o => o.Href).Order(StringComparer.Ordinal));
        Assert.All(found, o => Assert.Equal(Body(int.Parse(o.Href[6..11])), o.Data.ToArray()));

        // Ten rewrites with an open end: the change log has exactly them, and the prefilter's
        // "last IS NULL" rule makes them candidates for any range that starts after their first.
        var rewritten = Enumerable.Range(0, 10).Select(i => i * 7).ToList();
        foreach (var i in rewritten)
        {
            await store.PutObjectAsync(work.Object(Href(i)),
                new ObjectContent(Encoding.UTF8.GetBytes("changed " + i), "text/calendar", Uid(i), "VEVENT", Start, null), WritePrecondition.None);
            bounds[Href(i)] = (Start, null);
        }
        var changes = await store.GetChangesAsync(work, token, 100);
        Assert.Equal(rewritten.Select(Href).Order(StringComparer.Ordinal), changes.Changes.Select(c => c.Href).Order(StringComparer.Ordinal));

        // IObjectStore.FindObjectsInRangeAsync: (first IS NULL OR first <= end) AND (last IS NULL OR last >= start).
        var rangeStart = Start + Duration.FromDays(30);
        var rangeEnd = Start + Duration.FromDays(37);
        var expected = bounds.Where(b => (b.Value.First is null || b.Value.First <= rangeEnd) && (b.Value.Last is null || b.Value.Last >= rangeStart))
            .Select(b => b.Key).Order(StringComparer.Ordinal).ToList();
        var page = await store.FindObjectsInRangeAsync(work, new TimeRangeQuery(rangeStart, rangeEnd, "VEVENT"), PageRequest.First(1000));
        Assert.Equal(expected, page.Items.Select(o => o.Href));
        Assert.Equal(7 * 24 + 2 + rewritten.Count, expected.Count);

        var listed = new List<ObjectSummary>();
        PageRequest? request = PageRequest.First(500);
        while (request is not null)
        {
            var summaries = await store.ListObjectsAsync(work, request);
            listed.AddRange(summaries.Items);
            request = summaries.NextRequest(500);
        }
        Assert.Equal(bounds.Keys.Order(StringComparer.Ordinal), listed.Select(s => s.Href));
        Assert.All(listed, s => Assert.Equal(bounds[s.Href].Last, s.LastOccurrence));

        for (var i = 0; i < 1000; i += 37)
        {
            var stored = await store.GetObjectAsync(work.Object(Href(i)));
            Assert.NotNull(stored);
            Assert.Equal(rewritten.Contains(i) ? Encoding.UTF8.GetBytes("changed " + i) : Body(i), stored.Data.ToArray());
        }
    }

    private static string Uid(int i) => $"event-{i:D5}";

    private static string Href(int i) => Uid(i) + ".ics";

    private static byte[] Body(int i) => Encoding.UTF8.GetBytes(
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:{Uid(i)}\r\nDTSTAMP:20260101T000000Z\r\n" +
        $"DTSTART:20260101T090000Z\r\nSUMMARY:Event number {i} with a reasonably long summary line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
}
