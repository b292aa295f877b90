using System.Text;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>A SQLite file in a temp folder with one account and calendar, plus scheduler instances on it.</summary>
internal sealed class SchedulerFixture : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aurora-reminders-").FullName;
    private readonly List<SqliteStore> stores = [];

    public SchedulerFixture(Instant start) =>
        Clock = new ManualTimeProvider(start.ToDateTimeOffset());

    public ManualTimeProvider Clock { get; }

    public RecordingSender Sender => sender ??= new RecordingSender(Clock);

    private RecordingSender? sender;

    public static readonly CollectionRef Calendar = new("alice", "calendar");

    public ReminderOptions Options { get; set; } = ReminderOptions.Default;

    /// <summary>The sender nodes use instead of <see cref="Sender"/> (a real SMTP client).</summary>
    public IReminderSender? Transport { get; set; }

    /// <summary>The dispatcher's logger (default: none).</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; set; } = NullLogger.Instance;

    public async Task<Node> StartNodeAsync()
    {
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "aurora.db"), Clock));
        stores.Add(store);
        var signal = new PlanChangeSignal();
        var reconciler = new ReminderReconciler(store, Options, signal, Clock);
        var dispatcher = new ReminderDispatcher(store, reconciler, Transport ?? Sender, Options, Clock, Logger);
        var scheduler = new ReminderScheduler(store, dispatcher, signal, Options, Clock, NullLogger<ReminderScheduler>.Instance);
        return new Node(store, reconciler, scheduler);
    }

    public async Task<Node> SetUpAsync(string timeZone = "Europe/Berlin")
    {
        var node = await StartNodeAsync();
        Assert.Equal(StoreOutcome.Created, await node.Store.CreateAccountAsync("alice", "x", new AccountSettings(timeZone)));
        Assert.Equal(StoreOutcome.Created, await node.Store.CreateCollectionAsync(Calendar, CollectionKind.Calendar, new CollectionProperties()));
        return node;
    }

    public static async Task<ObjectRef> PutAsync(Node node, string href, string icalendar)
    {
        var resource = new ObjectRef(Calendar, href);
        var bytes = Encoding.UTF8.GetBytes(icalendar.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        var written = await node.Store.PutObjectAsync(resource, new ObjectContent(bytes, "text/calendar"), WritePrecondition.None);
        Assert.True(written.IsSuccess);
        Assert.Equal(StoreOutcome.Ok, await node.Reconciler.ReplanAsync(resource, CancellationToken.None));
        return resource;
    }

    /// <summary>Moves the clock to the earliest planned firing or retry and lets <paramref name="nodes"/> dispatch; false when nothing is planned.</summary>
    public async Task<bool> StepAsync(Instant until, params Node[] nodes)
    {
        var page = await nodes[0].Store.ListDueRemindersAsync(until, PageRequest.First(1));
        Instant? next = page.Items.Count > 0 ? page.Items[0].DueAt : null;
        if (await nodes[0].Store.NextDeliveryAttemptAsync() is { } retry && retry <= until && (next is null || retry < next))
        {
            next = retry;
        }
        if (next is null)
        {
            return false;
        }
        Clock.AdvanceTo(Instant.Max(next.Value, Instant.FromDateTimeOffset(Clock.GetUtcNow())).ToDateTimeOffset());
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Scheduler.RunDueAsync(CancellationToken.None))));
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    internal sealed record Node(SqliteStore Store, ReminderReconciler Reconciler, ReminderScheduler Scheduler);
}
