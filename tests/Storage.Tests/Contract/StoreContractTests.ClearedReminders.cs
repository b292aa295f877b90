using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

/// <summary>
/// Writes report the planned firings they removed (<see cref="WriteResult.ClearedReminders"/>), so an
/// external timer can delete exactly those schedules; MOVE carries firings and open deliveries along.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly Instant EarlyFiring = Instant.FromUtc(2026, 2, 1, 8, 0);
    private static readonly Instant LateFiring = Instant.FromUtc(2026, 2, 1, 9, 0);

    private async Task<ETag> PutPlannedAsync(CollectionRef calendar, string href, string uid, params PendingReminder[] plan)
    {
        var tag = await PutNewAsync(calendar, href, Event(uid));
        Assert.Equal(StoreOutcome.Ok, await Store.ReplacePendingRemindersAsync(calendar.Object(href), tag, plan));
        return tag;
    }

    [Fact]
    public async Task A_rewrite_reports_the_firings_it_cleared_and_a_new_object_or_an_unplanned_rewrite_reports_none()
    {
        await CreateAliceWithCalendarsAsync();
        var created = await Store.PutObjectAsync(Work.Object("a.ics"), Event("a"), WritePrecondition.IfNoneMatchAny);
        Assert.Empty(created.ClearedReminders);
        Assert.Equal(StoreOutcome.Ok, await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), created.ETag!.Value,
            [new PendingReminder("a/0", EarlyFiring), new PendingReminder("a/1", LateFiring)]));

        var rewritten = await Store.PutObjectAsync(Work.Object("a.ics"), Event("a", "Edited"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Updated, rewritten.Outcome);
        Assert.Equal([new PendingReminder("a/0", EarlyFiring), new PendingReminder("a/1", LateFiring)], rewritten.ClearedReminders.OrderBy(r => r.DueAt));
        Assert.Empty(await Store.GetPendingRemindersAsync(Work.Object("a.ics")));
        Assert.Empty((await Store.PutObjectAsync(Work.Object("a.ics"), Event("a", "Again"), WritePrecondition.None)).ClearedReminders);
    }

    [Fact]
    public async Task A_refused_rewrite_clears_nothing_and_reports_nothing()
    {
        await CreateAliceWithCalendarsAsync();
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));

        var refused = await Store.PutObjectAsync(Work.Object("a.ics"), Event("a", "Edited"), WritePrecondition.IfNoneMatchAny);

        Assert.Equal(StoreOutcome.PreconditionFailed, refused.Outcome);
        Assert.Empty(refused.ClearedReminders);
        Assert.Single(await Store.GetPendingRemindersAsync(Work.Object("a.ics")));
    }

    [Fact]
    public async Task A_delete_reports_the_firings_that_died_with_the_object()
    {
        await CreateAliceWithCalendarsAsync();
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));

        var deleted = await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Ok, deleted.Outcome);
        Assert.Equal([new PendingReminder("a/0", EarlyFiring)], deleted.ClearedReminders);
        Assert.Empty((await Store.ListDueRemindersAsync(Instant.MaxValue - Duration.FromDays(1), PageRequest.First(10))).Items);
    }

    [Fact]
    public async Task A_move_carries_the_firings_along_and_reports_only_those_of_the_target_it_overwrote()
    {
        await CreateAliceWithCalendarsAsync();
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));
        await PutPlannedAsync(Home, "b.ics", "b", new PendingReminder("b/0", LateFiring));

        var moved = await Store.MoveObjectAsync(Work.Object("a.ics"), Home.Object("b.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Updated, moved.Outcome);
        Assert.Equal([new PendingReminder("b/0", LateFiring)], moved.ClearedReminders);
        Assert.Equal([new PendingReminder("a/0", EarlyFiring)], await Store.GetPendingRemindersAsync(Home.Object("b.ics")));
        var due = Assert.Single((await Store.ListDueRemindersAsync(Instant.MaxValue - Duration.FromDays(1), PageRequest.First(10))).Items);
        Assert.Equal(new DueReminder(Home.Object("b.ics"), "a/0", EarlyFiring), due);

        var renamed = await Store.MoveObjectAsync(Home.Object("b.ics"), Home.Object("c.ics"), WritePrecondition.IfNoneMatchAny);
        Assert.Equal(StoreOutcome.Created, renamed.Outcome);
        Assert.Empty(renamed.ClearedReminders);
    }

    [Fact]
    public async Task A_collection_delete_hands_over_the_firings_of_every_object_in_its_tree_each_with_its_own_object()
    {
        await CreateAliceWithCalendarsAsync();
        var nested = new CollectionRef(Alice, "work/team");
        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(nested, CollectionKind.Calendar, new CollectionProperties()));
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));
        await PutPlannedAsync(nested, "b.ics", "b", new PendingReminder("b/0", LateFiring), new PendingReminder("b/1", EarlyFiring));
        await PutPlannedAsync(Home, "c.ics", "c", new PendingReminder("c/0", LateFiring));

        var cleared = new List<DueReminder>();
        Assert.Equal(StoreOutcome.Ok, await Store.DeleteCollectionAsync(Work, default, cleared));

        // A nested calendar's firings name that calendar, not the deleted root.
        Assert.Equal(
            [new DueReminder(Work.Object("a.ics"), "a/0", EarlyFiring), new DueReminder(nested.Object("b.ics"), "b/0", LateFiring),
                new DueReminder(nested.Object("b.ics"), "b/1", EarlyFiring)],
            cleared.OrderBy(r => r.AlarmKey, StringComparer.Ordinal));
        var left = Assert.Single((await Store.ListDueRemindersAsync(Instant.MaxValue - Duration.FromDays(1), PageRequest.First(10))).Items);
        Assert.Equal("c/0", left.AlarmKey);

        var none = new List<DueReminder>();
        Assert.Equal(StoreOutcome.NotFound, await Store.DeleteCollectionAsync(Work, default, none));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Deleting_a_plain_collection_hands_over_the_firings_of_the_calendars_inside_it_under_their_own_paths()
    {
        await CreateAliceWithCalendarsAsync();
        var group = new CollectionRef(Alice, "group");
        var team = group.Child("team");
        var sub = group.Child("sub");
        var deeper = sub.Child("deeper");
        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(group, CollectionKind.Plain, new CollectionProperties()));
        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(sub, CollectionKind.Plain, new CollectionProperties()));
        await CreateCalendarAsync(team);
        await CreateCalendarAsync(deeper);
        await PutPlannedAsync(team, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));
        await PutPlannedAsync(deeper, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));

        var cleared = new List<DueReminder>();
        Assert.Equal(StoreOutcome.Ok, await Store.DeleteCollectionAsync(group, default, cleared));

        Assert.Equal([new DueReminder(deeper.Object("a.ics"), "a/0", EarlyFiring), new DueReminder(team.Object("a.ics"), "a/0", EarlyFiring)],
            cleared.OrderBy(r => r.Resource.Collection.Path, StringComparer.Ordinal));
        Assert.Empty((await Store.ListDueRemindersAsync(Instant.MaxValue - Duration.FromDays(1), PageRequest.First(10))).Items);
    }

    [Fact]
    public async Task A_moved_object_takes_its_open_and_failed_deliveries_along()
    {
        await CreateAliceWithCalendarsAsync();
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("open", EarlyFiring), new PendingReminder("failed", LateFiring));
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(Work.Object("a.ics"), "open", EarlyFiring), "open-key", EarlyFiring);
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(Work.Object("a.ics"), "failed", LateFiring), "failed-key", LateFiring);
        Assert.Equal(StoreOutcome.Ok, await Deliveries.FinishDeliveryAsync(Alice, "failed-key", "550 refused"));

        Assert.True((await Store.MoveObjectAsync(Work.Object("a.ics"), Home.Object("moved.ics"), WritePrecondition.IfNoneMatchAny)).IsSuccess);

        var open = Assert.Single(await Deliveries.ListDueDeliveriesAsync(LateFiring, 10));
        Assert.Equal(new ReminderDelivery(Home.Object("moved.ics"), "open", EarlyFiring, "open-key", 1, EarlyFiring), open);
        Assert.Equal("failed", Assert.Single(await Deliveries.ListFailedDeliveriesAsync(Alice, 10)).AlarmKey);
        // Found again by idempotency key at the new place, and leasable there.
        Assert.Equal(StoreOutcome.Ok, await Deliveries.DeferDeliveryAsync(Alice, "open-key", LateFiring, "451 later"));
        var deferred = Assert.Single(await Deliveries.ListDueDeliveriesAsync(LateFiring, 10));
        Assert.Equal(Home.Object("moved.ics"), deferred.Resource);
        Assert.Equal(StoreOutcome.Ok, await Deliveries.LeaseDeliveryAsync(deferred, LateFiring + Duration.FromMinutes(5)));
        Assert.Equal(StoreOutcome.Ok, await Deliveries.FinishDeliveryAsync(Alice, "open-key", failure: null));
        Assert.Null(await Deliveries.NextDeliveryAttemptAsync());

        // They still die with their object at its new place.
        Assert.True((await Store.DeleteObjectAsync(Home.Object("moved.ics"), WritePrecondition.None)).IsSuccess);
        Assert.Empty(await Deliveries.ListFailedDeliveriesAsync(Alice, 10));
    }

    [Fact]
    public async Task A_move_over_an_object_with_deliveries_drops_the_target_deliveries()
    {
        await CreateAliceWithCalendarsAsync();
        await PutPlannedAsync(Work, "a.ics", "a");
        await PutPlannedAsync(Home, "b.ics", "b", new PendingReminder("b/0", EarlyFiring));
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(Home.Object("b.ics"), "b/0", EarlyFiring), "b-key", EarlyFiring);

        Assert.True((await Store.MoveObjectAsync(Work.Object("a.ics"), Home.Object("b.ics"), WritePrecondition.None)).IsSuccess);

        Assert.Empty(await Deliveries.ListDueDeliveriesAsync(LateFiring, 10));
    }

    [Fact]
    public async Task A_moved_collection_takes_the_open_deliveries_of_its_objects_along()
    {
        await CreateAliceWithCalendarsAsync();
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("open", EarlyFiring));
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(Work.Object("a.ics"), "open", EarlyFiring), "open-key", EarlyFiring);
        var renamed = new CollectionRef(Alice, "office");

        Assert.Equal(StoreOutcome.Created, await Store.MoveCollectionAsync(Work, renamed, overwrite: false));

        var open = Assert.Single(await Deliveries.ListDueDeliveriesAsync(LateFiring, 10));
        Assert.Equal(renamed.Object("a.ics"), open.Resource);
        Assert.Equal(StoreOutcome.Ok, await Deliveries.LeaseDeliveryAsync(open, LateFiring));
        Assert.Equal(StoreOutcome.Ok, await Deliveries.FinishDeliveryAsync(Alice, "open-key", failure: null));
        Assert.Null(await Deliveries.NextDeliveryAttemptAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_collection_move_or_copy_over_a_calendar_hands_over_the_replaced_firings_only(bool move)
    {
        await CreateAliceWithCalendarsAsync();
        var nestedInHome = Home.Child("sub");
        await CreateCalendarAsync(nestedInHome);
        await PutPlannedAsync(Work, "a.ics", "a", new PendingReminder("a/0", EarlyFiring));
        await PutPlannedAsync(Home, "b.ics", "b", new PendingReminder("b/0", LateFiring), new PendingReminder("b/1", EarlyFiring));
        await PutPlannedAsync(nestedInHome, "b.ics", "b", new PendingReminder("s/0", LateFiring));

        var refused = new List<DueReminder>();
        Assert.Equal(StoreOutcome.PreconditionFailed, move
            ? await Store.MoveCollectionAsync(Work, Home, overwrite: false, default, refused)
            : await Store.CopyCollectionAsync(Work, Home, overwrite: false, default, refused));
        Assert.Empty(refused);

        var cleared = new List<DueReminder>();
        Assert.Equal(StoreOutcome.Updated, move
            ? await Store.MoveCollectionAsync(Work, Home, overwrite: true, default, cleared)
            : await Store.CopyCollectionAsync(Work, Home, overwrite: true, default, cleared));

        // Home's own and its nested calendar's firings died with it, each reported under its calendar;
        // a moved object's firings went along, a copy's are not planned yet.
        Assert.Equal(
            [new DueReminder(Home.Object("b.ics"), "b/0", LateFiring), new DueReminder(Home.Object("b.ics"), "b/1", EarlyFiring),
                new DueReminder(nestedInHome.Object("b.ics"), "s/0", LateFiring)],
            cleared.OrderBy(r => r.AlarmKey, StringComparer.Ordinal));
        var left = (await Store.ListDueRemindersAsync(Instant.MaxValue - Duration.FromDays(1), PageRequest.First(10))).Items;
        Assert.Equal(move ? [Home.Object("a.ics")] : [Work.Object("a.ics")], left.Select(d => d.Resource));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_collection_move_or_copy_over_an_object_hands_over_that_objects_firings(bool move)
    {
        await CreateAliceWithCalendarsAsync();
        var group = new CollectionRef(Alice, "group");
        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(group, CollectionKind.Plain, new CollectionProperties()));
        await PutPlannedAsync(group, "b.ics", "b", new PendingReminder("b/0", LateFiring));
        await PutPlannedAsync(Home, "c.ics", "c", new PendingReminder("c/0", EarlyFiring));

        var cleared = new List<DueReminder>();
        Assert.Equal(StoreOutcome.Updated, move
            ? await Store.MoveCollectionAsync(Work, group.Child("b.ics"), overwrite: true, default, cleared)
            : await Store.CopyCollectionAsync(Work, group.Child("b.ics"), overwrite: true, default, cleared));

        Assert.Equal([new DueReminder(group.Object("b.ics"), "b/0", LateFiring)], cleared);
        var left = Assert.Single((await Store.ListDueRemindersAsync(Instant.MaxValue - Duration.FromDays(1), PageRequest.First(10))).Items);
        Assert.Equal(Home.Object("c.ics"), left.Resource);
    }
}
