using System.Diagnostics;
using System.Text;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>
/// The read cache of keyed lookups and the change stamp that guards it: a remembered row is served only
/// while nothing was committed to the file by anyone, so changes made elsewhere (another store on the same
/// file, as the CLI opens; another process with another SQLite library) are seen by the very next lookup.
/// </summary>
public sealed class SqliteReadCacheTests : IAsyncLifetime
{
    private static readonly CollectionRef Work = new("alice", "work");
    private static readonly ObjectRef Event = Work.Object("e.ics");
    private readonly SqliteStoreFixture _fixture = new();
    private SqliteStore _server = null!;
    private SqliteStore _cli = null!;

    public async Task InitializeAsync()
    {
        _server = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath));
        _cli = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath));
        await _server.CreateAccountAsync("alice", "hash-1", AccountSettings.Default);
        await _server.AddAppPasswordAsync("alice", "phone", "Phone", "app-hash");
        await _server.CreateCollectionAsync(Work, CollectionKind.Calendar, new CollectionProperties(DisplayName: "Work"));
        await _server.PutObjectAsync(Event, Content("v1"), WritePrecondition.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _cli.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private static ObjectContent Content(string version) =>
        new(Encoding.UTF8.GetBytes($"BEGIN:VCALENDAR\r\nX-VERSION:{version}\r\nEND:VCALENDAR\r\n"), "text/calendar");

    [Fact]
    public async Task Repeated_lookups_without_a_commit_are_served_from_memory()
    {
        var first = await _server.GetAccountAsync("alice");
        var object1 = await _server.GetObjectAsync(Event);

        Assert.Same(first, await _server.GetAccountAsync("alice"));
        Assert.Same(object1, await _server.GetObjectAsync(Event));
        Assert.Same(await _server.GetCollectionAsync(Work), await _server.GetCollectionAsync(Work));
        Assert.Same(await _server.GetAppPasswordAsync("alice", "phone"), await _server.GetAppPasswordAsync("alice", "phone"));
    }

    [Fact]
    public async Task Any_commit_in_this_store_ends_what_was_remembered()
    {
        var before = await _server.GetAccountAsync("alice");

        await _server.UpdateAccountSettingsAsync("alice", new AccountSettings("Europe/Berlin"));

        var after = await _server.GetAccountAsync("alice");
        Assert.NotSame(before, after);
        Assert.Equal("Europe/Berlin", after!.Settings.TimeZoneId);
    }

    [Fact]
    public async Task A_password_changed_through_another_store_on_the_file_is_read_by_the_next_lookup()
    {
        Assert.Equal("hash-1", (await _server.GetAccountAsync("alice"))!.PasswordHash);

        Assert.Equal(StoreOutcome.Ok, await _cli.SetPasswordHashAsync("alice", "hash-2"));

        Assert.Equal("hash-2", (await _server.GetAccountAsync("alice"))!.PasswordHash);
    }

    [Fact]
    public async Task An_app_password_revoked_through_another_store_is_gone_at_the_next_lookup()
    {
        Assert.NotNull(await _server.GetAppPasswordAsync("alice", "phone"));

        Assert.Equal(StoreOutcome.Ok, await _cli.RevokeAppPasswordAsync("alice", "phone"));

        Assert.Null(await _server.GetAppPasswordAsync("alice", "phone"));
    }

    [Fact]
    public async Task An_account_deleted_through_another_store_is_gone_at_the_next_lookup_with_everything_it_owned()
    {
        Assert.NotNull(await _server.GetAccountAsync("alice"));
        Assert.NotNull(await _server.GetObjectAsync(Event));

        Assert.Equal(StoreOutcome.Ok, await _cli.DeleteAccountAsync("alice"));

        Assert.Null(await _server.GetAccountAsync("alice"));
        Assert.Null(await _server.GetAppPasswordAsync("alice", "phone"));
        Assert.Null(await _server.GetCollectionAsync(Work));
        Assert.Null(await _server.GetObjectAsync(Event));
    }

    [Fact]
    public async Task Objects_and_collections_changed_through_another_store_are_read_again()
    {
        Assert.Equal("Work", (await _server.GetCollectionAsync(Work))!.Properties.DisplayName);
        var old = await _server.GetObjectAsync(Event);

        await _cli.UpdateCollectionPropertiesAsync(Work, new CollectionProperties(DisplayName: "Job"));
        await _cli.PutObjectAsync(Event, Content("v2"), WritePrecondition.None);

        Assert.Equal("Job", (await _server.GetCollectionAsync(Work))!.Properties.DisplayName);
        var current = await _server.GetObjectAsync(Event);
        Assert.NotEqual(old!.ETag, current!.ETag);
        Assert.Contains("X-VERSION:v2", Encoding.UTF8.GetString(current.Data.Span));

        await _cli.DeleteObjectAsync(Event, WritePrecondition.None);

        Assert.Null(await _server.GetObjectAsync(Event));
    }

    [Fact]
    public async Task Dead_properties_changed_through_another_store_are_read_again()
    {
        Assert.Empty((await _server.GetDeadPropertiesAsync(Work, null))!);
        Assert.Empty((await _server.GetDeadPropertiesAsync(Work, "e.ics"))!);

        await _cli.PatchDeadPropertiesAsync(Work, null, [DeadPropertyChange.Set("{urn:x}color", "red")]);
        await _cli.PatchDeadPropertiesAsync(Work, "e.ics", [DeadPropertyChange.Set("{urn:x}note", "n")]);

        Assert.Equal("red", (await _server.GetDeadPropertiesAsync(Work, null))!["{urn:x}color"]);
        Assert.Equal("n", (await _server.GetDeadPropertiesAsync(Work, "e.ics"))!["{urn:x}note"]);
        Assert.Same(await _server.GetDeadPropertiesAsync(Work, null), await _server.GetDeadPropertiesAsync(Work, null));
    }

    [Fact]
    public async Task A_name_remembered_as_absent_is_found_once_another_store_creates_it()
    {
        var later = Work.Object("later.ics");
        Assert.Null(await _server.GetObjectAsync(later));
        Assert.Null(await _server.GetAccountAsync("bob"));

        await _cli.PutObjectAsync(later, Content("new"), WritePrecondition.None);
        await _cli.CreateAccountAsync("bob", "bob-hash", AccountSettings.Default);

        Assert.NotNull(await _server.GetObjectAsync(later));
        Assert.Equal("bob-hash", (await _server.GetAccountAsync("bob"))!.PasswordHash);
    }

    // Another process with its own SQLite library (the sqlite3 shell), so nothing in this process knows of
    // the write: only the database file (its WAL index) tells.
    [Fact]
    public async Task A_commit_by_another_process_is_read_by_the_next_lookup()
    {
        if (!File.Exists("/usr/bin/sqlite3"))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "the sqlite3 shell (Debian package sqlite3) is missing");
            return; // skipped outside CI: the sqlite3 shell is not installed
        }
        Assert.Equal("hash-1", (await _server.GetAccountAsync("alice"))!.PasswordHash);
        Assert.NotNull(await _server.GetAppPasswordAsync("alice", "phone"));

        await RunSqliteShellAsync("PRAGMA busy_timeout = 10000; UPDATE accounts SET password_hash = 'from-elsewhere' WHERE user_name = 'alice'; " +
                                  "DELETE FROM app_passwords WHERE user_name = 'alice' AND id = 'phone';");

        Assert.Equal("from-elsewhere", (await _server.GetAccountAsync("alice"))!.PasswordHash);
        Assert.Null(await _server.GetAppPasswordAsync("alice", "phone"));
    }

    private async Task RunSqliteShellAsync(string sql)
    {
        using var shell = Process.Start(new ProcessStartInfo("/usr/bin/sqlite3", [_fixture.DatabasePath, sql])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();
        Assert.True(shell.ExitCode == 0, error);
    }

    [Fact]
    public async Task The_stamp_stays_while_nothing_is_committed_and_moves_on_every_commit_by_anyone()
    {
        using var stamp = new SqliteChangeStamp($"Data Source={_fixture.DatabasePath};Pooling=False", 1000);
        var quiet = stamp.Read();
        await _server.GetObjectAsync(Event); // reads commit nothing
        Assert.Equal(quiet, stamp.Read());

        await _server.UpdateAccountSettingsAsync("alice", new AccountSettings("Europe/Paris"));
        var afterOwnStore = stamp.Read();
        Assert.NotEqual(quiet, afterOwnStore);

        await _cli.UpdateAccountSettingsAsync("alice", new AccountSettings("Asia/Tokyo"));
        Assert.NotEqual(afterOwnStore, stamp.Read());
    }
}
