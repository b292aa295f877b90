using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using AuroraTime.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>The SQLite-only part of reminder deliveries: the schema version 2 migration (the behaviour is in the contract suite).</summary>
public sealed class SqliteReminderDeliveryTests : IAsyncLifetime
{
    private static readonly Instant Due = Instant.FromUtc(2026, 1, 5, 7, 45);
    private readonly SqliteStoreFixture _fixture = new();
    private readonly ManualClock _clock = new(Instant.FromUtc(2026, 1, 5, 7, 45));
    private readonly ObjectRef _event = new(new CollectionRef("alice", "calendar"), "a.ics");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<SqliteStore> OpenWithEventAsync()
    {
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath, _clock));
        await store.CreateAccountAsync("alice", "x", AccountSettings.Default);
        await store.CreateCollectionAsync(_event.Collection, CollectionKind.Calendar, new CollectionProperties());
        var written = await store.PutObjectAsync(_event, new ObjectContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray(), "text/calendar"), WritePrecondition.None);
        await store.ReplacePendingRemindersAsync(_event, written.ETag!.Value, [new PendingReminder("k", Due)]);
        return store;
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_to_version_2_keeping_its_data()
    {
        await (await OpenWithEventAsync()).DisposeAsync();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _fixture.DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE objects DROP COLUMN instance_index; DROP TABLE reminder_deliveries; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath, _clock));
        Assert.Single(await store.GetPendingRemindersAsync(_event));
        Assert.Equal(StoreOutcome.Created, await store.ClaimForDeliveryAsync(new DueReminder(_event, "k", Due), "key", Due));
        Assert.Equal(Due, await store.NextDeliveryAttemptAsync());
    }
}
