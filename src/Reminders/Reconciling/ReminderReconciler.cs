using AuroraTime.Reminders.Planning;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Reminders.Reconciling;

/// <summary>
/// Keeps an object's pending reminders equal to its plan: re-plans after every write, and relies on
/// the store dropping a deleted object's firings (they die with the object).
/// </summary>
/// <param name="listener">An external timer kept in step with the stored firings (AWS mode); null in self-hosted mode.</param>
public sealed class ReminderReconciler(IStore store, ReminderOptions options, PlanChangeSignal signal, TimeProvider time, IPendingReminderListener? listener = null)
{
    /// <summary>Re-plans the object as it is now stored, from now on.</summary>
    /// <returns>The store's outcome: Ok, NotFound (deleted meanwhile), PreconditionFailed (rewritten meanwhile: that write re-plans).</returns>
    public async Task<StoreOutcome> ReplanAsync(ObjectRef resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var stored = await store.GetObjectAsync(resource, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            signal.Notify();
            return StoreOutcome.NotFound;
        }
        var owner = await OwnerAsync(resource.Collection.UserName, cancellationToken).ConfigureAwait(false);
        var plan = AlarmPlanner.Plan(stored.Data.Span, owner, time.Now());
        return await SaveAsync(resource, stored.ETag, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Plans a write from the bytes the protocol layer just stored (no re-read): the per-PUT cost is
    /// one account read, the planning and one store write. A later write of the same object changes
    /// its ETag, so this plan is then refused (PreconditionFailed) and that write's plan wins.
    /// An empty plan (no VALARM, or none left to fire) is not written: the store cleared the object's
    /// firings when it took the new bytes (a new object has none), so there is nothing to replace and
    /// the second write transaction per PUT is skipped; the listener would see empty before and after.
    /// Nor does it wake the scheduler: a firing the rewrite dropped is simply not found when it wakes.
    /// A body that names no VALARM or snooze (<see cref="AlarmMarkers"/>) is known to plan nothing unparsed.
    /// </summary>
    /// <returns>As <see cref="SaveAsync"/>; Ok without a store call for an empty plan.</returns>
    public async Task<StoreOutcome> PlanWrittenAsync(ObjectRef resource, ETag etag, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!AlarmMarkers.MayPlan(data.Span))
        {
            // No VALARM and no snooze: the plan is empty without reading the owner or parsing again.
            return StoreOutcome.Ok;
        }
        var owner = await OwnerAsync(resource.Collection.UserName, cancellationToken).ConfigureAwait(false);
        var plan = AlarmPlanner.Plan(data.Span, owner, time.Now());
        if (plan.Count == 0)
        {
            return StoreOutcome.Ok;
        }
        return await SaveAsync(resource, etag, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An object or collection is gone: its firings died with it in the store; the scheduler re-reads its next wake-up.</summary>
    public void Removed() => signal.Notify();

    /// <summary>Stores <paramref name="plan"/> as the object's pending firings, refused if the object changed since <paramref name="plannedFrom"/>.</summary>
    public async Task<StoreOutcome> SaveAsync(ObjectRef resource, ETag plannedFrom, IEnumerable<PlannedReminder> plan, CancellationToken cancellationToken)
    {
        var pending = plan
            .GroupBy(p => p.AlarmKey, StringComparer.Ordinal)
            .Select(g => new PendingReminder(g.Key, g.Min(p => p.DueAt)))
            .ToList();
        if (listener is not null)
        {
            // The external timer first: if it fails, the store still holds the old plan and a retry
            // (a re-delivered event, the next write) computes the same difference again.
            var before = await store.GetPendingRemindersAsync(resource, cancellationToken).ConfigureAwait(false);
            await listener.PendingChangedAsync(resource, plannedFrom, before, pending, cancellationToken).ConfigureAwait(false);
        }
        var outcome = await store.ReplacePendingRemindersAsync(resource, plannedFrom, pending, cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            // Only an earlier firing needs the scheduler awake; dropped ones are not found when it wakes.
            signal.Planned(pending.Min(p => p.DueAt));
        }
        return outcome;
    }

    /// <summary>The owner's planning settings; a missing account plans with the defaults.</summary>
    public async Task<PlanningOwner> OwnerAsync(string userName, CancellationToken cancellationToken)
    {
        var account = await store.GetAccountAsync(userName, cancellationToken).ConfigureAwait(false);
        var settings = account?.Settings ?? AccountSettings.Default;
        return new PlanningOwner(userName, settings.TimeZoneId, settings.EmailDisplayAlarms, options.ServerZone ?? DateTimeZone.Utc);
    }
}
