using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using AuroraTime.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>
/// Schema version 3 keeps the caller's instance index (<see cref="ObjectContent.InstanceIndex"/>) with each
/// object: written with the data, returned with it by every object read, carried by MOVE and COPY, replaced by
/// the next PUT. A file of version 2, made by the build before (TestData/sqlite/README.md), is upgraded in place
/// and its rows read as having no index.
/// </summary>
public sealed class SqliteInstanceIndexTests : IAsyncLifetime
{
    private static readonly CollectionRef Default = new("alice", "default");
    private static readonly byte[] Index = [1, 2, 3, 250];
    private readonly SqliteStoreFixture _fixture = new();
    private readonly ManualClock _clock = new(Instant.FromUtc(2026, 1, 5, 9, 0));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private Task<SqliteStore> OpenAsync() => SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath, _clock));

    private static ObjectContent Content(string uid, byte[]? index) =>
        new(System.Text.Encoding.UTF8.GetBytes($"BEGIN:VCALENDAR\r\nUID:{uid}\r\nEND:VCALENDAR\r\n"), "text/calendar", uid, "VEVENT",
            Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 2, 0, 0), index);

    [Fact]
    public async Task A_version_2_file_is_upgraded_and_its_objects_read_without_an_index()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "sqlite", "schema-v2.db"), _fixture.DatabasePath);
        using (var before = new SqliteConnection($"Data Source={_fixture.DatabasePath};Pooling=False"))
        {
            before.Open();
            using var version = before.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            Assert.Equal(2L, version.ExecuteScalar());
        }

        await using var store = await OpenAsync();
        var page = await store.FindObjectsInRangeAsync(Default, new TimeRangeQuery(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0), "VEVENT"), PageRequest.First(50));
        Assert.Equal(["floating.ics", "single.ics", "weekly.ics"], page.Items.Select(o => o.Href));
        Assert.All(page.Items, o => Assert.Null(o.InstanceIndex));
        Assert.StartsWith("BEGIN:VCALENDAR", System.Text.Encoding.UTF8.GetString(page.Items[1].Data.Span), StringComparison.Ordinal);

        // The upgraded file takes new writes with an index, next to the old rows.
        var weekly = new ObjectRef(Default, "weekly.ics");
        Assert.Equal(StoreOutcome.Updated, (await store.PutObjectAsync(weekly, Content("weekly", Index), WritePrecondition.None)).Outcome);
        Assert.Equal(Index, (await store.GetObjectAsync(weekly))!.InstanceIndex);
        Assert.Null((await store.GetObjectAsync(new ObjectRef(Default, "single.ics")))!.InstanceIndex);
        using var after = new SqliteConnection($"Data Source={_fixture.DatabasePath};Pooling=False");
        after.Open();
        using var command = after.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        Assert.Equal(3L, command.ExecuteScalar());
    }

    [Fact]
    public async Task The_index_travels_with_the_data_through_every_read_and_write()
    {
        await using var store = await OpenAsync();
        await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await store.CreateCollectionAsync(Default, CollectionKind.Calendar, CollectionProperties.Empty);
        var a = new ObjectRef(Default, "a.ics");
        await store.PutObjectAsync(a, Content("a", Index), WritePrecondition.None);

        Assert.Equal(Index, (await store.GetObjectAsync(a))!.InstanceIndex);
        Assert.Equal(Index, Assert.Single(await store.GetObjectsAsync(Default, ["a.ics"])).InstanceIndex);
        Assert.Equal(Index, Assert.Single((await store.FindObjectsInRangeAsync(Default, new TimeRangeQuery(null, null), PageRequest.First(10))).Items).InstanceIndex);

        // Another calendar: a UID is unique per calendar (RFC 4791 section 5.3.2.1).
        var other = new CollectionRef("alice", "other");
        await store.CreateCollectionAsync(other, CollectionKind.Calendar, CollectionProperties.Empty);
        Assert.Equal(StoreOutcome.Created, (await store.CopyObjectAsync(a, new ObjectRef(other, "copy.ics"), WritePrecondition.None)).Outcome);
        Assert.Equal(Index, (await store.GetObjectAsync(new ObjectRef(other, "copy.ics")))!.InstanceIndex);
        Assert.Equal(StoreOutcome.Created, (await store.MoveObjectAsync(new ObjectRef(other, "copy.ics"), new ObjectRef(other, "moved.ics"), WritePrecondition.None)).Outcome);
        Assert.Equal(Index, (await store.GetObjectAsync(new ObjectRef(other, "moved.ics")))!.InstanceIndex);
        var copiedCalendar = new CollectionRef("alice", "copied");
        await store.CopyCollectionAsync(Default, copiedCalendar, overwrite: false);
        Assert.Equal(Index, (await store.GetObjectAsync(new ObjectRef(copiedCalendar, "a.ics")))!.InstanceIndex);

        // A PUT without an index (new content the caller could not index) must not leave the old one behind.
        await store.PutObjectAsync(a, Content("a", null), WritePrecondition.None);
        Assert.Null((await store.GetObjectAsync(a))!.InstanceIndex);
    }
}
