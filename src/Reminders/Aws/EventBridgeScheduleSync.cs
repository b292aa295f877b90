using AuroraTime.Reminders.Reconciling;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// The AWS scheduling mode: mirrors each change of an object's planned firings into EventBridge
/// Scheduler, deleting the schedules of firings that left the plan and creating those that joined it,
/// nothing else: an unchanged firing makes no call. The store stays the source of truth: a schedule that
/// fires for a firing no longer planned sends nothing (the dispatcher re-plans), and a schedule deletes
/// itself after firing.
/// </summary>
/// <remarks>
/// A rewrite (PUT), deletion or overwriting MOVE/COPY clears the object's stored firings in the store's
/// own transaction and reports them (<see cref="WriteResult.ClearedReminders"/>); the reconciler passes
/// them as the "before", so exactly the dropped schedules are deleted. Names include the calendar
/// (<see cref="ScheduleNames"/>), so copies of one UID in two calendars have separate schedules, and a
/// MOVE to another calendar deletes the schedules named after the old one and creates new ones.
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
        var collection = resource.Collection;
        var oldNames = before.Select(p => ScheduleNames.For(collection, p.AlarmKey, p.DueAt)).ToHashSet(StringComparer.Ordinal);
        var newNames = after.ToDictionary(p => ScheduleNames.For(collection, p.AlarmKey, p.DueAt), StringComparer.Ordinal);

        foreach (var name in oldNames.Where(n => !newNames.ContainsKey(n)))
        {
            await DeleteAsync(name, ScheduleNames.ClientToken("delete", name, plannedFrom), cancellationToken).ConfigureAwait(false);
        }
        foreach (var (name, firing) in newNames.Where(p => !oldNames.Contains(p.Key)))
        {
            await CreateAsync(name, new DueReminder(resource, firing.AlarmKey, firing.DueAt), ScheduleNames.ClientToken("create", name, plannedFrom), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task PendingRemovedAsync(CollectionRef collection, IReadOnlyList<PendingReminder> removed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removed);
        foreach (var name in removed.Select(p => ScheduleNames.For(collection, p.AlarmKey, p.DueAt)).Distinct(StringComparer.Ordinal))
        {
            await DeleteAsync(name, ScheduleNames.OneOffToken(name), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the schedule of a stored firing unless it exists (409 counts as done): the repair of a
    /// create that failed. The token is fresh per call, so a firing planned again after its earlier
    /// schedule fired is really created again.
    /// </summary>
    public Task<ScheduleOutcome> EnsureAsync(DueReminder due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var name = ScheduleNames.For(due);
        return CreateAsync(name, due, ScheduleNames.OneOffToken(name), cancellationToken);
    }

    private async Task<ScheduleOutcome> CreateAsync(string name, DueReminder due, string clientToken, CancellationToken cancellationToken)
    {
        var earliest = Instant.FromDateTimeOffset(time.GetUtcNow()) + MinimumLead;
        var schedule = new OneTimeSchedule(
            name, options.GroupName, Instant.Max(due.DueAt, earliest), options.FunctionArn, options.RoleArn,
            new SchedulerEvent(due).ToJson(options.EventSecret), clientToken);
        var outcome = await scheduler.CreateAsync(schedule, cancellationToken).ConfigureAwait(false);
        AwsLog.ScheduleCreated(logger, name, outcome.ToString());
        return outcome;
    }

    private async Task DeleteAsync(string name, string clientToken, CancellationToken cancellationToken)
    {
        var outcome = await scheduler.DeleteAsync(name, options.GroupName, clientToken, cancellationToken).ConfigureAwait(false);
        AwsLog.ScheduleDeleted(logger, name, outcome.ToString());
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
