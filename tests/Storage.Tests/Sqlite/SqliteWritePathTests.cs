using System.Text;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>The SQLite write path: batched writes (IBatchObjectWriter) and prepared statements that stay prepared.</summary>
public sealed class SqliteWritePathTests : IAsyncLifetime
{
    private static readonly CollectionRef Work = new("alice", "work");
    private readonly SqliteStoreFixture _fixture = new();
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath));
        await _store.CreateAccountAsync("alice", "h", AccountSettings.Default);
        await _store.CreateCollectionAsync(Work, CollectionKind.Calendar, CollectionProperties.Empty);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private static ObjectWrite Event(string href, string uid, WritePrecondition? precondition = null) =>
        new(Work.Object(href), new ObjectContent(Encoding.UTF8.GetBytes($"BEGIN:VCALENDAR\r\nUID:{uid}\r\nEND:VCALENDAR\r\n"), "text/calendar", uid, "VEVENT"),
            precondition ?? WritePrecondition.None);

    private async Task<List<string>> HrefsAsync() => [.. (await _store.ListObjectsAsync(Work, PageRequest.First(100))).Items.Select(o => o.Href)];

    [Fact]
    public async Task A_batch_writes_every_object_with_its_change_log_entry()
    {
        var results = await _store.PutObjectsAsync([Event("a.ics", "a"), Event("b.ics", "b"), Event("c.ics", "c")]);

        Assert.All(results, r => Assert.Equal(StoreOutcome.Created, r.Outcome));
        Assert.Equal(["a.ics", "b.ics", "c.ics"], await HrefsAsync());
        var changes = await _store.GetChangesAsync(Work, null, 100);
        Assert.Equal(["a.ics", "b.ics", "c.ics"], changes.Changes.Select(c => c.Href));
        // The ETag is the content's, as a single PUT gives it.
        Assert.Equal(ETag.FromContent(Event("a.ics", "a").Content.Data.Span), results[0].ETag);
    }

    [Fact]
    public async Task One_refused_object_leaves_nothing_of_its_batch_and_every_refusal_is_reported()
    {
        await _store.PutObjectAsync(Work.Object("held.ics"), Event("held.ics", "held").Content, WritePrecondition.None);
        var before = await _store.GetChangesAsync(Work, null, 100);

        // The second item reuses the first one's UID (RFC 4791 section 5.3.2.1 no-uid-conflict, seen inside the batch);
        // the fourth asks If-None-Match: * on a name that exists.
        var results = await _store.PutObjectsAsync(
            [Event("a.ics", "a"), Event("a2.ics", "a"), Event("b.ics", "b"), Event("held.ics", "other", WritePrecondition.IfNoneMatchAny)]);

        Assert.Equal([StoreOutcome.Created, StoreOutcome.UidConflict, StoreOutcome.Created, StoreOutcome.PreconditionFailed], results.Select(r => r.Outcome));
        Assert.Equal("a.ics", results[1].ConflictingHref);
        Assert.Equal(["held.ics"], await HrefsAsync());
        var after = await _store.GetChangesAsync(Work, null, 100);
        Assert.Equal(before.Token, after.Token); // not even a change-log entry survived
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_bound_LIMIT_recompiles_the_statement_on_every_run_unless_plans_are_kept_stable(bool stablePlans, bool expectRecompiles)
    {
        // Why the store turns on SQLITE_DBCONFIG_ENABLE_QPSG: SQLite reads a bound LIMIT while planning and
        // then recompiles the statement whenever that parameter is bound again, as paged reads do every time.
        const int StatementStatusReprepare = 5; // SQLITE_STMTSTATUS_REPREPARE in sqlite3.h
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _fixture.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, stablePlans ? 1 : 0, out _));
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle,
            "SELECT path FROM collections WHERE user_name = ?1 AND path > ?2 ORDER BY path LIMIT ?3", out var statement));
        using (statement)
        {
            for (var i = 0; i < 10; i++)
            {
                raw.sqlite3_bind_text(statement, 1, "alice");
                raw.sqlite3_bind_text(statement, 2, "");
                raw.sqlite3_bind_int(statement, 3, 51);
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                }
                raw.sqlite3_reset(statement);
            }

            Assert.Equal(expectRecompiles, raw.sqlite3_stmt_status(statement, StatementStatusReprepare, 0) > 0);
        }
    }

    [Fact]
    public async Task The_store_connections_keep_their_statement_plans_stable()
    {
        await _store.ListCollectionsAsync("alice", null, PageRequest.First(50));
        await _store.PutObjectAsync(Work.Object("e.ics"), Event("e.ics", "e").Content, WritePrecondition.None);

        Assert.True(_store.PooledConnectionsKeepTheirPlans());
    }
}
