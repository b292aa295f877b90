using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 3, 2, 9, 0);

    [Fact]
    public async Task A_plan_for_the_current_version_replaces_the_objects_pending_reminders()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("a"));

        await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), tag, [new("old", Nine)]);
        var outcome = await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), tag,
            [new("alarm-2", Nine + Duration.FromHours(1)), new("alarm-1", Nine)]);

        Assert.Equal(StoreOutcome.Ok, outcome);
        Assert.Equal([new PendingReminder("alarm-1", Nine), new PendingReminder("alarm-2", Nine + Duration.FromHours(1))],
            await Store.GetPendingRemindersAsync(Work.Object("a.ics")));
    }

    [Fact]
    public async Task A_plan_made_from_an_older_version_is_refused_and_a_rewrite_clears_the_plan()
    {
        await CreateAliceWithCalendarsAsync();
        var old = await PutNewAsync(Work, "a.ics", Event("a", "v1"));
        await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), old, [new("alarm", Nine)]);

        await Store.PutObjectAsync(Work.Object("a.ics"), Event("a", "v2"), WritePrecondition.None);
        var afterRewrite = await Store.GetPendingRemindersAsync(Work.Object("a.ics"));
        var stale = await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), old, [new("alarm", Nine)]);

        Assert.Empty(afterRewrite);
        Assert.Equal(StoreOutcome.PreconditionFailed, stale);
        Assert.Empty(await Store.GetPendingRemindersAsync(Work.Object("a.ics")));
        Assert.Equal(StoreOutcome.NotFound, await Store.ReplacePendingRemindersAsync(Work.Object("missing.ics"), old, []));
    }

    [Fact]
    public async Task Due_reminders_are_listed_oldest_first_in_pages_and_follow_moved_objects()
    {
        await CreateAliceWithCalendarsAsync();
        for (var i = 0; i < 5; i++)
        {
            var tag = await PutNewAsync(Work, $"e{i}.ics", Event($"e{i}"));
            await Store.ReplacePendingRemindersAsync(Work.Object($"e{i}.ics"), tag, [new("alarm", Nine + Duration.FromMinutes(10 * (4 - i)))]);
        }

        await Store.MoveObjectAsync(Work.Object("e4.ics"), Home.Object("moved.ics"), WritePrecondition.None);
        var dueBy = Nine + Duration.FromMinutes(30);
        var first = await Store.ListDueRemindersAsync(dueBy, PageRequest.First(2));
        var second = await Store.ListDueRemindersAsync(dueBy, first.NextRequest(2)!);

        Assert.Equal([Home.Object("moved.ics"), Work.Object("e3.ics")], first.Items.Select(r => r.Resource));
        Assert.Equal([Work.Object("e2.ics"), Work.Object("e1.ics")], second.Items.Select(r => r.Resource));
        Assert.False(second.HasMore);
        Assert.Equal(Nine, first.Items[0].DueAt);
    }

    [Fact]
    public async Task A_reminder_is_claimed_once_and_the_claim_removes_the_due_firing()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("a"));
        await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), tag, [new("alarm", Nine)]);
        var due = (await Store.ListDueRemindersAsync(Nine, PageRequest.First(10))).Items.Single();
        var second = await OpenSecondStoreAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Store : second).ClaimReminderAsync(due, "a|20260302T090000Z|alarm"))));

        Assert.Single(claims, c => c == StoreOutcome.Created);
        Assert.Equal(5, claims.Count(c => c == StoreOutcome.AlreadyExists));
        Assert.Empty((await Store.ListDueRemindersAsync(Nine, PageRequest.First(10))).Items);
    }

    [Fact]
    public async Task Deleting_an_object_drops_its_pending_reminders()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("a"));
        await Store.ReplacePendingRemindersAsync(Work.Object("a.ics"), tag, [new("alarm", Nine)]);

        await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);

        Assert.Empty((await Store.ListDueRemindersAsync(Nine + Duration.FromDays(1), PageRequest.First(10))).Items);
    }
}
