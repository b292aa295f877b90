using AuroraTime.Reminders.Reconciling;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// The AWS scheduling mode: mirrors each change of an object's planned firings into EventBridge
/// Scheduler, deleting the schedules of firings that left the plan and creating those that joined it,
/// nothing else. The store stays the source of truth: a schedule that fires for a firing no longer
/// planned sends nothing (the dispatcher re-plans), and a schedule deletes itself after firing.
/// </summary>
/// <remarks>
/// A rewrite (PUT) or deletion of the object clears its stored firings before the reconciler runs (store
/// contract), so then the old firings are unknown here: every firing of the new plan is created (409 =
/// already scheduled, fine) and schedules of firings that left the plan are not deleted; they fire once,
/// send nothing and delete themselves. Exact deletes happen where the stored plan survives: roll-forward
/// after a firing and re-planning of a stale firing.
/// </remarks>
public sealed class EventBridgeScheduleSync(SchedulerClient scheduler, EventBridgeOptions options, TimeProvider time, ILogger logger) : IPendingReminderListener
{
    /// <summary>Scheduler refuses at() expressions in the past; a firing this close or overdue is created this far ahead.</summary>
    private static readonly Duration MinimumLead = Duration.FromSeconds(5);

    public async Task PendingChangedAsync(
        ObjectRef resource, ETag plannedFrom, IReadOnlyList<PendingReminder> before, IReadOnlyList<PendingReminder> after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var user = resource.Collection.UserName;
        var oldNames = before.ToDictionary(p => ScheduleNames.For(user, p.AlarmKey, p.DueAt), StringComparer.Ordinal);
        var newNames = after.ToDictionary(p => ScheduleNames.For(user, p.AlarmKey, p.DueAt), StringComparer.Ordinal);

        foreach (var name in oldNames.Keys.Where(n => !newNames.ContainsKey(n)))
        {
            var outcome = await scheduler.DeleteAsync(name, options.GroupName, ScheduleNames.ClientToken("delete", name, plannedFrom), cancellationToken).ConfigureAwait(false);
            AwsLog.ScheduleDeleted(logger, name, outcome.ToString());
        }
        foreach (var (name, firing) in newNames.Where(p => !oldNames.ContainsKey(p.Key)))
        {
            var due = new DueReminder(resource, firing.AlarmKey, firing.DueAt);
            var earliest = Instant.FromDateTimeOffset(time.GetUtcNow()) + MinimumLead;
            var schedule = new OneTimeSchedule(
                name, options.GroupName, Instant.Max(firing.DueAt, earliest), options.FunctionArn, options.RoleArn,
                new SchedulerEvent(due).ToJson(options.EventSecret), ScheduleNames.ClientToken("create", name, plannedFrom));
            var outcome = await scheduler.CreateAsync(schedule, cancellationToken).ConfigureAwait(false);
            AwsLog.ScheduleCreated(logger, name, outcome.ToString());
        }
    }

    /// <summary>
    /// A one-time schedule at <paramref name="at"/> that wakes this mode for deliveries waiting to be
    /// retried (there is no in-process loop here). It carries an event of <paramref name="carrier"/>, a
    /// firing already claimed, so dispatching it sends nothing new; the handler then runs the retries.
    /// One schedule per instant: concurrent handlers asking for the same instant meet at 409.
    /// </summary>
    public async Task ScheduleRetryAsync(Instant at, DueReminder carrier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        var name = ScheduleNames.ForRetry(at);
        var earliest = Instant.FromDateTimeOffset(time.GetUtcNow()) + MinimumLead;
        var schedule = new OneTimeSchedule(
            name, options.GroupName, Instant.Max(at, earliest), options.FunctionArn, options.RoleArn,
            new SchedulerEvent(carrier).ToJson(options.EventSecret), ScheduleNames.ClientToken("retry", name, default));
        var outcome = await scheduler.CreateAsync(schedule, cancellationToken).ConfigureAwait(false);
        AwsLog.ScheduleCreated(logger, name, outcome.ToString());
    }
}
