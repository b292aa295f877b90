using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using AuroraTime.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>Claimed-but-unsent reminder deliveries (schema version 2) in the SQLite store.</summary>
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
    public async Task A_claim_is_made_once_and_leaves_one_unsent_delivery_leased_until_the_given_instant()
    {
        await using var store = await OpenWithEventAsync();
        var due = new DueReminder(_event, "k", Due);

        Assert.Equal(StoreOutcome.Created, await store.ClaimForDeliveryAsync(due, "key", Due + Duration.FromMinutes(5)));
        Assert.Equal(StoreOutcome.AlreadyExists, await store.ClaimForDeliveryAsync(due, "key", Due + Duration.FromMinutes(5)));

        Assert.Empty(await store.GetPendingRemindersAsync(_event));
        Assert.Empty(await store.ListDueDeliveriesAsync(Due + Duration.FromMinutes(4), 10));
        var delivery = Assert.Single(await store.ListDueDeliveriesAsync(Due + Duration.FromMinutes(5), 10));
        Assert.Equal(new ReminderDelivery(_event, "k", Due, "key", 1, Due + Duration.FromMinutes(5)), delivery);
    }

    [Fact]
    public async Task Of_two_leases_on_the_same_attempt_one_wins_and_finishing_ends_the_delivery()
    {
        await using var store = await OpenWithEventAsync();
        await store.ClaimForDeliveryAsync(new DueReminder(_event, "k", Due), "key", Due);
        var seen = Assert.Single(await store.ListDueDeliveriesAsync(Due, 10));

        Assert.Equal(StoreOutcome.Ok, await store.LeaseDeliveryAsync(seen, Due + Duration.FromMinutes(5)));
        Assert.Equal(StoreOutcome.PreconditionFailed, await store.LeaseDeliveryAsync(seen, Due + Duration.FromMinutes(5)));

        Assert.Equal(StoreOutcome.Ok, await store.FinishDeliveryAsync("alice", "key", failure: "550 no such user"));
        Assert.Equal(StoreOutcome.NotFound, await store.LeaseDeliveryAsync(seen with { Attempts = 2 }, Due));
        Assert.Null(await store.NextDeliveryAttemptAsync());
        var failed = Assert.Single(await store.ListFailedDeliveriesAsync("alice", 10));
        Assert.Equal(("k", 2, "550 no such user"), (failed.AlarmKey, failed.Attempts, failed.Error));
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_to_version_2_keeping_its_data()
    {
        await (await OpenWithEventAsync()).DisposeAsync();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _fixture.DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE reminder_deliveries; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_fixture.DatabasePath, _clock));
        Assert.Single(await store.GetPendingRemindersAsync(_event));
        Assert.Equal(StoreOutcome.Created, await store.ClaimForDeliveryAsync(new DueReminder(_event, "k", Due), "key", Due));
        Assert.Equal(Due, await store.NextDeliveryAttemptAsync());
    }
}
