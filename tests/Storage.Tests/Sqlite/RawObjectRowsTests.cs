using System.Text;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using NodaTime;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>
/// The SQLite listing and multiget read rows through SQLite's API (RawObjectRows): the cases where a
/// shortcut in that reader could go wrong, each checked against what a single get returns.
/// </summary>
public sealed class RawObjectRowsTests : IAsyncLifetime
{
    private static readonly CollectionRef Work = new("alice", "work");
    private readonly SqliteStoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Paging_one_by_one_follows_SQLite_binary_order_and_ends()
    {
        // U+FF01 is EF BC 81 in UTF-8 and U+1F4C5 is F0 9F 93 85: SQLite orders U+FF01 first, while an
        // ordinal UTF-16 comparison puts the surrogate pair first. Paging by href > $after uses SQLite's order.
        await using var store = await OpenWithCalendarAsync();
        string[] hrefs = ["a.ics", "\uff01.ics", "\U0001F4C5.ics"];
        foreach (var href in hrefs.Reverse())
        {
            await PutAsync(store, href, new ObjectContent(Encoding.UTF8.GetBytes(href), "text/calendar", "uid-" + href, "VEVENT"));
        }

        var listed = new List<string>();
        PageRequest? page = PageRequest.First(1);
        while (page is not null)
        {
            var result = await store.ListObjectsAsync(Work, page);
            listed.AddRange(result.Items.Select(i => i.Href));
            page = result.NextRequest(1);
        }

        Assert.Equal(hrefs, listed);
    }

    [Fact]
    public async Task Null_and_empty_texts_and_an_occurrence_at_the_epoch_come_back_as_stored()
    {
        await using var store = await OpenWithCalendarAsync();
        await PutAsync(store, "a-null.ics", new ObjectContent(new byte[] { 1 }, "text/calendar"));
        await PutAsync(store, "b-empty.ics", new ObjectContent(new byte[] { 2 }, "text/calendar", "", "", Instant.FromUnixTimeTicks(0), Instant.FromUnixTimeTicks(0)));
        await PutAsync(store, "c-set.ics", new ObjectContent(new byte[] { 3 }, "text/calendar", "u", "VTODO", Instant.FromUnixTimeTicks(-5), Instant.FromUnixTimeTicks(5)));

        var listed = (await store.ListObjectsAsync(Work, PageRequest.First(10))).Items;

        Assert.Equal(3, listed.Count);
        Assert.Equal((null, null, null, null), (listed[0].Uid, listed[0].ComponentType, listed[0].FirstOccurrence, listed[0].LastOccurrence));
        Assert.Equal(("", ""), (listed[1].Uid, listed[1].ComponentType));
        Assert.Equal(Instant.FromUnixTimeTicks(0), listed[1].FirstOccurrence);
        Assert.Equal(Instant.FromUnixTimeTicks(0), listed[1].LastOccurrence);
        foreach (var summary in listed)
        {
            Assert.Equal((await store.GetObjectAsync(Work.Object(summary.Href)))!.Summary, summary);
        }
    }

    [Fact]
    public async Task A_content_type_reused_from_the_previous_row_must_match_its_bytes_not_just_its_length()
    {
        // "x/Ã©" is four characters whose Latin-1 values are the UTF-8 bytes of "x/é" plus nothing: a
        // byte-by-char comparison that accepted non-ASCII would hand back the wrong string.
        await using var store = await OpenWithCalendarAsync();
        await PutAsync(store, "a.ics", new ObjectContent(new byte[] { 1 }, "x/\u00c3\u00a9"));
        await PutAsync(store, "b.ics", new ObjectContent(new byte[] { 2 }, "x/\u00e9"));
        await PutAsync(store, "c.ics", new ObjectContent(new byte[] { 3 }, "x/\u00e9"));

        var listed = (await store.ListObjectsAsync(Work, PageRequest.First(10))).Items;

        Assert.Equal(["x/\u00c3\u00a9", "x/\u00e9", "x/\u00e9"], listed.Select(s => s.ContentType));
    }

    [Fact]
    public async Task Multiget_returns_each_named_object_with_its_exact_bytes_and_skips_missing_ones()
    {
        await using var store = await OpenWithCalendarAsync();
        var bodies = new Dictionary<string, byte[]>
        {
            ["one.ics"] = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nX:caf\u00e9\r\nEND:VCALENDAR\r\n"),
            ["two.ics"] = [0, 1, 2, 255],
            ["empty.ics"] = [],
        };
        foreach (var (href, body) in bodies)
        {
            await PutAsync(store, href, new ObjectContent(body, "text/calendar"));
        }

        var found = await store.GetObjectsAsync(Work, ["two.ics", "missing.ics", "one.ics", "empty.ics", "one.ics"]);

        Assert.Equal(["empty.ics", "one.ics", "two.ics"], found.Select(f => f.Href));
        Assert.All(found, f => Assert.Equal(bodies[f.Href], f.Data.ToArray()));
    }

    // A reader holds its connection's mutex from its first step until it is disposed (SqliteNative says
    // why). Left held, the next thread to use that pooled connection would wait for ever: after a read
    // that ends normally and after one that fails while stepping, another thread must get through.
    [Theory]
    [InlineData("SELECT value FROM json_each('[1,2,3]')")]
    [InlineData("SELECT value FROM json_each('not json')")]
    public async Task A_reader_leaves_its_connections_mutex_whether_it_ends_or_fails(string sql)
    {
        // Not disposed with a using: closing a connection whose mutex was never left would hang the test.
        var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        var session = new SqliteSession(connection);
        long Sum()
        {
            try
            {
                using var rows = RawObjectRows.Prepare(session, sql);
                var sum = 0L;
                while (rows.Step())
                {
                    sum += rows.ReadInt64(0);
                }
                return sum;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                return -1L;
            }
        }

        var expected = sql.Contains("not json") ? -1 : 6;
        Assert.Equal(expected, await RunOnOwnThread(Sum).WaitAsync(TimeSpan.FromSeconds(10)));
        // The same text again, on another thread: the session's kept statement, reset after the first read.
        Assert.Equal(expected, await RunOnOwnThread(Sum).WaitAsync(TimeSpan.FromSeconds(10)));

        var other = RunOnOwnThread(() => (long)session.Command("SELECT 42").ExecuteScalar()!);
        Assert.Equal(42, await other.WaitAsync(TimeSpan.FromSeconds(10)));
        session.Dispose();
    }

    // The session keeps one compiled statement per SQL text; a second reader of the same text while the
    // first is still open must get its own, and each must see its own bindings and rows.
    [Fact]
    public void Two_open_readers_of_the_same_sql_on_one_session_do_not_share_a_statement()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var session = new SqliteSession(connection);
        const string sql = "SELECT value FROM json_each($names)";

        using (var outer = RawObjectRows.Prepare(session, sql).Bind("$names", "[1,2]"))
        {
            Assert.True(outer.Step());
            using (var inner = RawObjectRows.Prepare(session, sql).Bind("$names", "[10,20,30]"))
            {
                var inside = new List<long>();
                while (inner.Step())
                {
                    inside.Add(inner.ReadInt64(0));
                }
                Assert.Equal([10, 20, 30], inside);
            }
            Assert.Equal(1, outer.ReadInt64(0));
            Assert.True(outer.Step());
            Assert.Equal(2, outer.ReadInt64(0));
            Assert.False(outer.Step());
        }

        using var again = RawObjectRows.Prepare(session, sql).Bind("$names", "[7]");
        Assert.True(again.Step());
        Assert.Equal(7, again.ReadInt64(0));
        Assert.False(again.Step());
    }

    private static Task<long> RunOnOwnThread(Func<long> work)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true };
        thread.Start();
        return done.Task;
    }

    private async Task<SqliteStore> OpenWithCalendarAsync()
    {
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath));
        await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await store.CreateCollectionAsync(Work, CollectionKind.Calendar, CollectionProperties.Empty);
        return store;
    }

    private static async Task PutAsync(SqliteStore store, string href, ObjectContent content) =>
        Assert.Equal(StoreOutcome.Created, (await store.PutObjectAsync(Work.Object(href), content, WritePrecondition.IfNoneMatchAny)).Outcome);
}
