using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using AuroraTime.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit.Abstractions;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>What is specific to the SQLite file: schema, journal mode, reopening, query plans.</summary>
public sealed class SqliteStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SqliteStoreFixture _fixture = new();
    private readonly ManualClock _clock = new(Instant.FromUtc(2026, 1, 5, 9, 0));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private Task<SqliteStore> OpenAsync() => SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath, _clock));

    private SqliteConnection RawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _fixture.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public async Task Opening_a_new_file_creates_the_current_schema_version_in_wal_mode()
    {
        await using (await OpenAsync())
        {
        }

        using var connection = RawConnection();
        Assert.Equal(3L, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening_the_file()
    {
        await using (var store = await OpenAsync())
        {
            await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
            await store.CreateCollectionAsync(new CollectionRef("alice", "work"), CollectionKind.Calendar, CollectionProperties.Empty);
            await store.PutObjectAsync(new ObjectRef(new CollectionRef("alice", "work"), "a.ics"),
                new ObjectContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray(), "text/calendar"), WritePrecondition.None);
        }

        await using var reopened = await OpenAsync();
        var stored = await reopened.GetObjectAsync(new ObjectRef(new CollectionRef("alice", "work"), "a.ics"));
        Assert.Equal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray(), stored!.Data.ToArray());
        Assert.Equal(1, (await reopened.GetCollectionAsync(new CollectionRef("alice", "work")))!.SyncToken.Sequence);
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused()
    {
        using (var connection = RawConnection())
        {
            Scalar(connection, "PRAGMA user_version = 99");
        }

        var error = await Assert.ThrowsAsync<NotSupportedException>(OpenAsync);
        Assert.Contains("99", error.Message);
    }

    [Fact]
    public async Task Several_handles_opening_a_fresh_file_at_once_all_get_one_schema()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(OpenAsync)));
        try
        {
            Assert.Equal(StoreOutcome.Created, await stores[0].CreateAccountAsync("alice", "h", AccountSettings.Default));
            Assert.Equal(StoreOutcome.AlreadyExists, await stores[3].CreateAccountAsync("alice", "h", AccountSettings.Default));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Foreign_keys_are_enforced_on_the_store_connections()
    {
        await using var store = await OpenAsync();
        await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await store.CreateCollectionAsync(new CollectionRef("alice", "work"), CollectionKind.Calendar, CollectionProperties.Empty);

        await store.DeleteAccountAsync("alice");

        using var connection = RawConnection();
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM collections"));
    }

    [Fact]
    public async Task Every_statement_the_store_runs_searches_an_index_instead_of_scanning_a_table()
    {
        await using var store = await OpenAsync();
        await ExerciseEveryOperationAsync(store);

        using var connection = RawConnection();
        var scans = new List<string>();
        Assert.NotEmpty(store.PreparedStatements);
        foreach (var sql in store.PreparedStatements)
        {
            using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            using var reader = explain.ExecuteReader();
            while (reader.Read())
            {
                var detail = reader.GetString(3);
                output.WriteLine($"{detail}  <=  {sql}");
                // json_each is the in-memory list of multiget names and "(subquery-N)" a window
                // function's intermediate result, not tables; their inner reads show up as their own lines.
                if (detail.StartsWith("SCAN ", StringComparison.Ordinal)
                    && !detail.Contains("VIRTUAL TABLE", StringComparison.Ordinal)
                    && !detail.StartsWith("SCAN (subquery-", StringComparison.Ordinal))
                {
                    scans.Add($"{detail}  <=  {sql}");
                }
            }
        }

        Assert.Empty(scans);
    }

    private async Task ExerciseEveryOperationAsync(SqliteStore store)
    {
        var work = new CollectionRef("alice", "work");
        var other = new CollectionRef("alice", "other");
        await store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await store.GetAccountAsync("alice");
        await store.ListAccountsAsync(PageRequest.First(5));
        await store.SetPasswordHashAsync("alice", "h2");
        await store.UpdateAccountSettingsAsync("alice", AccountSettings.Default);
        await store.AddAppPasswordAsync("alice", "ap", "label", "hash");
        await store.GetAppPasswordAsync("alice", "ap");
        await store.ListAppPasswordsAsync("alice", PageRequest.First(5));
        await store.RecordAppPasswordUseAsync("alice", "ap");
        await store.RevokeAppPasswordAsync("alice", "ap");
        await store.CreateFeedLinkAsync("tok", "alice", null, FeedScope.Full);
        await store.GetFeedLinkAsync("tok");
        await store.ListFeedLinksAsync("alice", PageRequest.First(5));
        await store.RevokeFeedLinkAsync("alice", "tok");
        await store.CreateCollectionAsync(work, CollectionKind.Calendar, CollectionProperties.Empty);
        await store.CreateCollectionAsync(other, CollectionKind.Plain, CollectionProperties.Empty);
        await store.CreateCollectionAsync(other.Child("sub"), CollectionKind.Plain, CollectionProperties.Empty);
        await store.GetCollectionAsync(work);
        await store.ListCollectionsAsync("alice", null, PageRequest.First(5));
        await store.UpdateCollectionPropertiesAsync(work, CollectionProperties.Empty);
        var content = new ObjectContent("x"u8.ToArray(), "text/calendar", "uid", "VEVENT", Instant.FromUtc(2026, 1, 1, 0, 0), null);
        await store.PutObjectAsync(work.Object("a.ics"), content, WritePrecondition.None);
        await store.GetObjectAsync(work.Object("a.ics"));
        await store.GetObjectsAsync(work, ["a.ics", "b.ics"]);
        await store.ListObjectsAsync(work, PageRequest.First(5));
        await store.FindObjectsInRangeAsync(work, new TimeRangeQuery(null, null), PageRequest.First(5));
        await store.FindObjectsInRangeAsync(work, new TimeRangeQuery(null, null, "VEVENT"), PageRequest.First(5));
        await store.FindHrefByUidAsync(work, "uid");
        await store.PatchDeadPropertiesAsync(work, "a.ics", [DeadPropertyChange.Set("{x}a", "<a/>"), DeadPropertyChange.Remove("{x}b")]);
        await store.GetDeadPropertiesAsync(work, "a.ics");
        await store.CopyObjectAsync(work.Object("a.ics"), other.Object("a.ics"), WritePrecondition.None);
        await store.MoveObjectAsync(work.Object("a.ics"), other.Object("a.ics"), WritePrecondition.None);
        await store.DeleteObjectAsync(other.Object("a.ics"), WritePrecondition.None);
        var tag = (await store.PutObjectAsync(work.Object("r.ics"), content with { Uid = "r" }, WritePrecondition.None)).ETag!.Value;
        await store.ReplacePendingRemindersAsync(work.Object("r.ics"), tag, [new PendingReminder("alarm", Instant.FromUtc(2026, 1, 1, 0, 0))]);
        await store.PutObjectAsync(work.Object("r.ics"), content with { Uid = "r", Data = "y"u8.ToArray() }, WritePrecondition.None);
        await store.GetPendingRemindersAsync(work.Object("r.ics"));
        await store.ListDueRemindersAsync(Instant.FromUtc(2026, 1, 2, 0, 0), PageRequest.First(1));
        await store.ListDueRemindersAsync(Instant.FromUtc(2026, 1, 2, 0, 0), new PageRequest(1, "0:1:alarm"));
        await store.ClaimReminderAsync(new DueReminder(work.Object("r.ics"), "alarm", Instant.FromUtc(2026, 1, 1, 0, 0)), "key");
        var token = (await store.GetCollectionAsync(work))!.SyncToken;
        await store.GetChangesAsync(work, null, 5);
        await store.GetChangesAsync(work, token, 5);
        await store.PruneChangeLogAsync(work, Instant.FromUtc(2030, 1, 1, 0, 0));
        await store.CopyCollectionAsync(other, new CollectionRef("alice", "copied"), overwrite: false);
        await store.MoveCollectionAsync(new CollectionRef("alice", "copied"), other.Child("moved"), overwrite: true);
        await store.CopyCollectionAsync(other.Child("sub"), other.Child("moved"), overwrite: true);
        await store.DeleteCollectionAsync(other.Child("sub"));
        await store.DeleteCollectionAsync(other);
        await store.DeleteAccountAsync("alice");
    }
}
