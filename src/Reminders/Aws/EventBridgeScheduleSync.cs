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
}
