using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

/// <summary>Claimed-but-unsent reminder deliveries (<see cref="IReminderDeliveryStore"/>): the same facts for every backend.</summary>
public abstract partial class StoreContractTests
{
    private static readonly Instant Firing = Instant.FromUtc(2026, 1, 5, 7, 45);

    private IReminderDeliveryStore Deliveries => Assert.IsAssignableFrom<IReminderDeliveryStore>(Store);

    /// <summary>Alice's work/a.ics with one planned firing "k" at <see cref="Firing"/>.</summary>
    private async Task<ObjectRef> EventWithPlannedFiringAsync()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("a"));
        await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), tag, [new PendingReminder("k", Firing)]);
        return Work.Object("a.ics");
    }

    [Fact]
    public async Task A_delivery_claim_is_made_once_and_leaves_one_unsent_delivery_leased_until_the_given_instant()
    {
        var resource = await EventWithPlannedFiringAsync();
        var due = new DueReminder(resource, "k", Firing);

        Assert.Equal(StoreOutcome.Created, await Deliveries.ClaimForDeliveryAsync(due, "key", Firing + Duration.FromMinutes(5)));
        Assert.Equal(StoreOutcome.AlreadyExists, await Deliveries.ClaimForDeliveryAsync(due, "key", Firing + Duration.FromMinutes(5)));
        // The delivery claim is also the sent-log claim (one transaction): the plain claim sees it.
        Assert.Equal(StoreOutcome.AlreadyExists, await Store.ClaimReminderAsync(due, "key"));

        Assert.Empty(await Store.GetPendingRemindersAsync(resource));
        Assert.Empty(await Deliveries.ListDueDeliveriesAsync(Firing + Duration.FromMinutes(4), 10));
        var delivery = Assert.Single(await Deliveries.ListDueDeliveriesAsync(Firing + Duration.FromMinutes(5), 10));
        Assert.Equal(new ReminderDelivery(resource, "k", Firing, "key", 1, Firing + Duration.FromMinutes(5)), delivery);
        Assert.Equal(Firing + Duration.FromMinutes(5), await Deliveries.NextDeliveryAttemptAsync());
    }

    [Fact]
    public async Task A_delivery_claim_for_a_missing_object_or_account_is_not_found_and_claims_nothing()
    {
        var resource = await EventWithPlannedFiringAsync();

        Assert.Equal(StoreOutcome.NotFound, await Deliveries.ClaimForDeliveryAsync(new DueReminder(Work.Object("gone.ics"), "k", Firing), "key", Firing));
        Assert.Equal(StoreOutcome.NotFound, await Deliveries.ClaimForDeliveryAsync(new DueReminder(new CollectionRef(Bob, "work").Object("a.ics"), "k", Firing), "key", Firing));

        Assert.Null(await Deliveries.NextDeliveryAttemptAsync());
        Assert.Equal(StoreOutcome.Created, await Deliveries.ClaimForDeliveryAsync(new DueReminder(resource, "k", Firing), "key", Firing));
    }

    [Fact]
    public async Task Of_two_leases_on_the_same_attempt_one_wins_and_a_given_up_delivery_is_listed_as_failed()
    {
        var resource = await EventWithPlannedFiringAsync();
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(resource, "k", Firing), "key", Firing);
        var seen = Assert.Single(await Deliveries.ListDueDeliveriesAsync(Firing, 10));

        Assert.Equal(StoreOutcome.Ok, await Deliveries.LeaseDeliveryAsync(seen, Firing + Duration.FromMinutes(5)));
        Assert.Equal(StoreOutcome.PreconditionFailed, await Deliveries.LeaseDeliveryAsync(seen, Firing + Duration.FromMinutes(5)));

        Assert.Equal(StoreOutcome.Ok, await Deliveries.FinishDeliveryAsync(Alice, "key", failure: "550 no such user"));
        Assert.Equal(StoreOutcome.NotFound, await Deliveries.FinishDeliveryAsync(Alice, "key", failure: null));
        Assert.Equal(StoreOutcome.NotFound, await Deliveries.LeaseDeliveryAsync(seen with { Attempts = 2 }, Firing));
        Assert.Null(await Deliveries.NextDeliveryAttemptAsync());
        var failed = Assert.Single(await Deliveries.ListFailedDeliveriesAsync(Alice, 10));
        Assert.Equal(("k", Firing, 2, "550 no such user"), (failed.AlarmKey, failed.DueAt, failed.Attempts, failed.Error));
        Assert.Empty(await Deliveries.ListFailedDeliveriesAsync(Bob, 10));
    }

    [Fact]
    public async Task A_deferred_delivery_comes_due_again_and_a_sent_one_is_gone()
    {
        var resource = await EventWithPlannedFiringAsync();
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(resource, "k", Firing), "key", Firing);

        Assert.Equal(StoreOutcome.Ok, await Deliveries.DeferDeliveryAsync(Alice, "key", Firing + Duration.FromMinutes(2), "421 try later"));
        Assert.Equal(StoreOutcome.NotFound, await Deliveries.DeferDeliveryAsync(Alice, "other", Firing, "x"));

        Assert.Empty(await Deliveries.ListDueDeliveriesAsync(Firing + Duration.FromMinutes(1), 10));
        Assert.Equal(Firing + Duration.FromMinutes(2), await Deliveries.NextDeliveryAttemptAsync());
        var retry = Assert.Single(await Deliveries.ListDueDeliveriesAsync(Firing + Duration.FromMinutes(2), 10));
        Assert.Equal(1, retry.Attempts);
        Assert.Equal(StoreOutcome.Ok, await Deliveries.LeaseDeliveryAsync(retry, Firing + Duration.FromMinutes(7)));
        Assert.Equal(StoreOutcome.Ok, await Deliveries.FinishDeliveryAsync(Alice, "key", failure: null));

        Assert.Null(await Deliveries.NextDeliveryAttemptAsync());
        Assert.Empty(await Deliveries.ListFailedDeliveriesAsync(Alice, 10));
    }

    [Fact]
    public async Task Deliveries_die_with_their_object()
    {
        var resource = await EventWithPlannedFiringAsync();
        var other = await PutNewAsync(Work, "b.ics", Event("b"));
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(resource, "k", Firing), "open", Firing);
        await Deliveries.ClaimForDeliveryAsync(new DueReminder(Work.Object("b.ics"), "k", Firing), "failed", Firing);
        await Deliveries.FinishDeliveryAsync(Alice, "failed", failure: "550");

        Assert.Equal(StoreOutcome.Ok, (await Store.DeleteObjectAsync(resource, WritePrecondition.None)).Outcome);
        Assert.Equal(StoreOutcome.Ok, (await Store.DeleteObjectAsync(Work.Object("b.ics"), WritePrecondition.IfMatch(other))).Outcome);

        Assert.Empty(await Deliveries.ListDueDeliveriesAsync(Firing + Duration.FromDays(1), 10));
        Assert.Null(await Deliveries.NextDeliveryAttemptAsync());
        Assert.Empty(await Deliveries.ListFailedDeliveriesAsync(Alice, 10));
        Assert.Equal(StoreOutcome.NotFound, await Deliveries.FinishDeliveryAsync(Alice, "open", failure: null));
    }

    [Fact]
    public async Task Of_eight_schedulers_claiming_the_same_firing_for_delivery_exactly_one_gets_it()
    {
        var resource = await EventWithPlannedFiringAsync();
        var second = await OpenSecondStoreAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(scheduler => Task.Run(() =>
            ((IReminderDeliveryStore)(scheduler % 2 == 0 ? Store : second)).ClaimForDeliveryAsync(new DueReminder(resource, "k", Firing), "key", Firing))));

        Assert.Single(outcomes, outcome => outcome == StoreOutcome.Created);
        Assert.Equal(7, outcomes.Count(outcome => outcome == StoreOutcome.AlreadyExists));
        Assert.Equal(1, Assert.Single(await Deliveries.ListDueDeliveriesAsync(Firing, 10)).Attempts);
    }
}
