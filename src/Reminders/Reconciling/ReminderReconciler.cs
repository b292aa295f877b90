using AuroraTime.Reminders.Planning;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Reminders.Reconciling;

/// <summary>
/// Keeps an object's pending reminders equal to its plan: re-plans after every write, and relies on
/// the store dropping a deleted object's firings (they die with the object). The store reports the
/// firings a write dropped (<see cref="WriteResult.ClearedReminders"/>); with a listener (AWS mode) they
/// are the "before" of the change, so the external timer deletes and creates exactly the difference.
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
    /// <param name="cleared">The firings the write removed (<see cref="WriteResult.ClearedReminders"/>).</param>
    /// <returns>As <see cref="SaveAsync"/>; Ok without a store call for an empty plan.</returns>
    public Task<StoreOutcome> PlanWrittenAsync(ObjectRef resource, ETag etag, ReadOnlyMemory<byte> data, IReadOnlyList<PendingReminder> cleared,
        CancellationToken cancellationToken) =>
        PlanAsync(resource, etag, data, cleared, carriedAreTimed: true, cancellationToken);

    /// <summary>
    /// As <see cref="PlanWrittenAsync"/> for the target of a MOVE from <paramref name="movedFrom"/>. The
    /// store carried the object's firings along; when the calendar changed, the listener's timers for
    /// them belong to the old calendar (their names include it), so they are removed there and the whole
    /// plan is created anew here. A MOVE within one calendar keeps its timers.
    /// </summary>
    public async Task<StoreOutcome> PlanMovedAsync(ObjectRef resource, CollectionRef movedFrom, ETag etag, ReadOnlyMemory<byte> data,
        IReadOnlyList<PendingReminder> cleared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(movedFrom);
        if (listener is null || movedFrom == resource.Collection)
        {
            return await PlanWrittenAsync(resource, etag, data, cleared, cancellationToken).ConfigureAwait(false);
        }
        var carried = await store.GetPendingRemindersAsync(resource, cancellationToken).ConfigureAwait(false);
        if (carried.Count > 0)
        {
            await listener.PendingRemovedAsync(movedFrom, carried, cancellationToken).ConfigureAwait(false);
        }
        return await PlanAsync(resource, etag, data, cleared, carriedAreTimed: false, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="carriedAreTimed">False when the firings stored for the object have no timer under its current location (a MOVE across calendars).</param>
    private async Task<StoreOutcome> PlanAsync(ObjectRef resource, ETag etag, ReadOnlyMemory<byte> data, IReadOnlyList<PendingReminder> cleared,
        bool carriedAreTimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(cleared);
        // No VALARM and no snooze: the plan is empty without reading the owner or parsing again.
        IReadOnlyList<PlannedReminder> plan = [];
        if (AlarmMarkers.MayPlan(data.Span))
        {
            var owner = await OwnerAsync(resource.Collection.UserName, cancellationToken).ConfigureAwait(false);
            plan = AlarmPlanner.Plan(data.Span, owner, time.Now());
        }
        if (plan.Count == 0)
        {
            // The firings the write cleared still lose their external timers (AWS mode).
            if (listener is not null && cleared.Count > 0)
            {
                await listener.PendingChangedAsync(resource, etag, cleared, [], cancellationToken).ConfigureAwait(false);
            }
            return StoreOutcome.Ok;
        }
        return await SaveAsync(resource, etag, plan, cleared, carriedAreTimed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An object or collection is gone: its firings died with it in the store (<paramref name="cleared"/>
    /// lists them); the listener drops their timers and the scheduler re-reads its next wake-up.
    /// </summary>
    public async Task RemovedAsync(CollectionRef collection, IReadOnlyList<PendingReminder> cleared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cleared);
        signal.Notify();
        if (listener is not null && cleared.Count > 0)
        {
            await listener.PendingRemovedAsync(collection, cleared, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A collection tree is gone (DELETE, or replaced by an overwriting MOVE/COPY): its firings died with it,
    /// each under its own calendar, which may be nested below the deleted root. The listener hears them per
    /// calendar, so an external timer names (and deletes) each schedule after the calendar it was made for.
    /// </summary>
    public async Task RemovedAsync(IReadOnlyList<DueReminder> cleared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cleared);
        signal.Notify();
        if (listener is null)
        {
            return;
        }
        foreach (var calendar in cleared.GroupBy(r => r.Resource.Collection))
        {
            await listener.PendingRemovedAsync(calendar.Key, [.. calendar.Select(r => new PendingReminder(r.AlarmKey, r.DueAt))], cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores <paramref name="plan"/> as the object's pending firings, refused if the object changed since
    /// <paramref name="plannedFrom"/>. With a listener, a failure leaves the stored plan as it was: the
    /// caller's retry (a re-delivered scheduler event) computes the same difference again.
    /// </summary>
    public Task<StoreOutcome> SaveAsync(ObjectRef resource, ETag plannedFrom, IEnumerable<PlannedReminder> plan, CancellationToken cancellationToken) =>
        SaveAsync(resource, plannedFrom, plan, cleared: null, carriedAreTimed: true, cancellationToken);

    /// <param name="cleared">
    /// Null, or the firings removed by the committed write that produced <paramref name="plannedFrom"/>: the
    /// listener counts them as the "before", and since nothing retries a committed write, a listener
    /// failure still stores the plan (then rethrows), so its firings exist for <c>ScheduleRepairSweep</c>.
    /// </param>
    /// <param name="carriedAreTimed">False: the stored firings have no timer under this location yet, so they are not a "before".</param>
    private async Task<StoreOutcome> SaveAsync(ObjectRef resource, ETag plannedFrom, IEnumerable<PlannedReminder> plan, IReadOnlyList<PendingReminder>? cleared,
        bool carriedAreTimed, CancellationToken cancellationToken)
    {
        var pending = plan
            .GroupBy(p => p.AlarmKey, StringComparer.Ordinal)
            .Select(g => new PendingReminder(g.Key, g.Min(p => p.DueAt)))
            .ToList();
        if (listener is not null)
        {
            // The external timer first: if it fails, the store still holds the old plan and a retry
            // (a re-delivered event, the next write) computes the same difference again. The stored plan
            // is read as well: a MOVE target holds the firings that came with the object.
            IReadOnlyList<PendingReminder> stored = carriedAreTimed ? await store.GetPendingRemindersAsync(resource, cancellationToken).ConfigureAwait(false) : [];
            var before = cleared is { Count: > 0 } ? [.. cleared, .. stored] : stored;
            try
            {
                await listener.PendingChangedAsync(resource, plannedFrom, before, pending, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cleared is not null)
            {
                await store.ReplacePendingRemindersAsync(resource, plannedFrom, pending, cancellationToken).ConfigureAwait(false);
                signal.Notify();
                throw;
            }
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
