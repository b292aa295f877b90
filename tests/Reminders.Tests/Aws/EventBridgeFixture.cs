using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Reminders.Tests.Scheduling;
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
        return new Instance(node with { Reconciler = reconciler }, handler);
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

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    internal sealed record Instance(SchedulerFixture.Node Node, SchedulerEventHandler Events);
}
