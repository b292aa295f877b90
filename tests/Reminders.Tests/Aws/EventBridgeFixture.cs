using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Reminders.Tests.Scheduling;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// The AWS scheduling mode on a real SQLite store: reconcilers that mirror plans into a
/// <see cref="FakeSchedulerService"/>, and scheduler event handlers (one per "Lambda instance")
/// dispatching through the real <see cref="ReminderDispatcher"/>.
/// </summary>
internal sealed class EventBridgeFixture : IAsyncDisposable
{
    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static readonly EventBridgeOptions Options = new(
        "arn:aws:lambda:eu-central-1:123456789012:function:aurora", "arn:aws:iam::123456789012:role/aurora-scheduler", "aurora-reminders", Secret);

    private readonly SchedulerFixture inner;

    public EventBridgeFixture(Instant start) => inner = new SchedulerFixture(start);

    public ManualTimeProvider Clock => inner.Clock;

    public RecordingSender Sender => inner.Sender;

    public FakeSchedulerService Scheduler { get; } = new();

    /// <summary>One server instance: its own store connection, reconciler, dispatcher and event handler.</summary>
    public async Task<Instance> StartInstanceAsync(bool createAccount = false, IReminderSender? sender = null)
    {
        var node = createAccount ? await inner.SetUpAsync() : await inner.StartNodeAsync();
        var client = AwsTestClients.Scheduler(Scheduler.Handler, "eu-central-1", new AwsCredentials("AKIDEXAMPLE", "secret"), Clock);
        var sync = new EventBridgeScheduleSync(client, Options, Clock, NullLogger.Instance);
        var reconciler = new ReminderReconciler(node.Store, ReminderOptions.Default, new PlanChangeSignal(), Clock, sync);
        var dispatcher = new ReminderDispatcher(node.Store, reconciler, sender ?? Sender, ReminderOptions.Default, Clock, NullLogger.Instance);
        var handler = new SchedulerEventHandler(node.Store, dispatcher, Options, NullLogger.Instance, sync);
        return new Instance(node with { Reconciler = reconciler }, handler, sync);
    }

    /// <summary>Moves the clock to the schedule's at() time and fires it at <paramref name="instances"/> at once (one event each).</summary>
    public async Task<DispatchOutcome?[]> FireAsync(string name, params Instance[] instances)
    {
        var expression = Scheduler.Schedules[name].Expression;
        Clock.AdvanceTo(DateTimeOffset.Parse(expression[3..^1] + "Z", System.Globalization.CultureInfo.InvariantCulture));
        var input = System.Text.Encoding.UTF8.GetBytes(Scheduler.Fire(name));
        var results = await Task.WhenAll(instances.Select(i => Task.Run(() => i.Events.HandleAsync(input, CancellationToken.None))));
        return results.Select(r => r.Outcome).ToArray();
    }

    /// <summary>
    /// What a CalDAV PUT does: the store write, then the reconciler with the bytes, the new ETag and the
    /// firings the write cleared (CalDavReminderObserver). Throws what the reconciler throws.
    /// </summary>
    public static async Task<ObjectRef> WriteAsync(Instance instance, string href, string icalendar)
    {
        var resource = SchedulerFixture.Calendar.Object(href);
        var bytes = System.Text.Encoding.UTF8.GetBytes(icalendar.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        var written = await instance.Node.Store.PutObjectAsync(resource, new ObjectContent(bytes, "text/calendar"), WritePrecondition.None);
        Assert.True(written.IsSuccess);
        await instance.Node.Reconciler.PlanWrittenAsync(resource, written.ETag!.Value, bytes, written.ClearedReminders, CancellationToken.None);
        return resource;
    }

    /// <summary>The repair sweep of <paramref name="instance"/>'s Scheduler sync.</summary>
    public ScheduleRepairSweep RepairSweep(Instance instance) => new(instance.Node.Store, instance.Sync, Clock, NullLogger.Instance);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    internal sealed record Instance(SchedulerFixture.Node Node, SchedulerEventHandler Events, EventBridgeScheduleSync Sync);
}
