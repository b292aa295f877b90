using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

// RFC 6578: sync-collection reports each changed member once with its latest state, deleted members
// as 404s, may truncate (section 3.6) and must reject tokens it can no longer serve (section 3.2).
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task An_initial_sync_lists_current_members_without_tombstones()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("a"));
        await PutNewAsync(Work, "b.ics", Event("b"));
        await PutNewAsync(Work, "gone.ics", Event("gone"));
        await Store.DeleteObjectAsync(Work.Object("gone.ics"), WritePrecondition.None);

        var changes = await Store.GetChangesAsync(Work, null, 100);

        Assert.Equal(StoreOutcome.Ok, changes.Outcome);
        Assert.Equal(["a.ics", "b.ics"], changes.Changes.Select(c => c.Href).Order(StringComparer.Ordinal));
        Assert.All(changes.Changes, c => Assert.False(c.IsDeleted));
        Assert.False(changes.MoreRemain);
        Assert.Equal(await CurrentTokenAsync(Work), changes.Token);
    }

    [Fact]
    public async Task Changes_since_a_token_give_the_latest_state_of_each_member_once()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "kept.ics", Event("kept"));
        await PutNewAsync(Work, "edited.ics", Event("edited", "v1"));
        await PutNewAsync(Work, "removed.ics", Event("removed"));
        var token = await CurrentTokenAsync(Work);

        await Store.PutObjectAsync(Work.Object("edited.ics"), Event("edited", "v2"), WritePrecondition.None);
        await Store.PutObjectAsync(Work.Object("edited.ics"), Event("edited", "v3"), WritePrecondition.None);
        await Store.DeleteObjectAsync(Work.Object("removed.ics"), WritePrecondition.None);
        await PutNewAsync(Work, "flicker.ics", Event("flicker"));
        await Store.DeleteObjectAsync(Work.Object("flicker.ics"), WritePrecondition.None);
        await PutNewAsync(Work, "added.ics", Event("added"));

        var changes = await Store.GetChangesAsync(Work, token, 100);

        Assert.Equal(StoreOutcome.Ok, changes.Outcome);
        Assert.Equal(
            new[] { new MemberChange("edited.ics", false), new MemberChange("removed.ics", true), new MemberChange("flicker.ics", true), new MemberChange("added.ics", false) },
            changes.Changes);
        Assert.Empty((await Store.GetChangesAsync(Work, changes.Token, 100)).Changes);
    }

    [Fact]
    public async Task Every_successful_write_moves_the_sync_token_forward()
    {
        await CreateAliceWithCalendarsAsync();
        var tokens = new List<SyncToken> { await CurrentTokenAsync(Work) };

        await PutNewAsync(Work, "a.ics", Event("a"));
        tokens.Add(await CurrentTokenAsync(Work));
        await Store.PutObjectAsync(Work.Object("a.ics"), Event("a", "edited"), WritePrecondition.None);
        tokens.Add(await CurrentTokenAsync(Work));
        await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);
        tokens.Add(await CurrentTokenAsync(Work));

        Assert.Equal(4, tokens.Distinct().Count());
        Assert.True(tokens.Zip(tokens.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.Equal(0, (await CurrentTokenAsync(Home)).Sequence);
    }

    [Fact]
    public async Task A_limit_truncates_the_answer_and_continuing_from_its_token_loses_and_repeats_nothing()
    {
        await CreateAliceWithCalendarsAsync();
        var token = await CurrentTokenAsync(Work);
        var hrefs = Enumerable.Range(0, 10).Select(i => $"e{i}.ics").ToList();
        foreach (var href in hrefs)
        {
            await PutNewAsync(Work, href, Event("uid-" + href));
        }

        var first = await Store.GetChangesAsync(Work, token, 4);
        await Store.PutObjectAsync(Work.Object("e0.ics"), Event("uid-e0.ics", "edited after the first page"), WritePrecondition.None);
        var rest = await AllChangesSinceAsync(Work, first.Token);

        Assert.True(first.MoreRemain);
        Assert.Equal(hrefs.Take(4), first.Changes.Select(c => c.Href));
        Assert.Equal(hrefs.Skip(4).Append("e0.ics"), rest.Select(c => c.Href));
    }

    [Fact]
    public async Task An_initial_sync_can_be_paged_too()
    {
        await CreateAliceWithCalendarsAsync();
        for (var i = 0; i < 7; i++)
        {
            await PutNewAsync(Work, $"e{i}.ics", Event($"u{i}"));
        }

        var first = await Store.GetChangesAsync(Work, null, 5);
        var rest = await Store.GetChangesAsync(Work, first.Token, 5);

        Assert.True(first.MoreRemain);
        Assert.Equal(5, first.Changes.Count);
        Assert.False(rest.MoreRemain);
        Assert.Equal(7, first.Changes.Concat(rest.Changes).Select(c => c.Href).Distinct().Count());
        Assert.Equal(await CurrentTokenAsync(Work), rest.Token);
    }

    [Fact]
    public async Task Tokens_of_another_collection_or_from_the_future_are_invalid()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Home, "h.ics", Event("h"));
        var homeToken = await CurrentTokenAsync(Home);
        var workToken = await CurrentTokenAsync(Work);

        Assert.Equal(StoreOutcome.InvalidSyncToken, (await Store.GetChangesAsync(Work, homeToken, 10)).Outcome);
        Assert.Equal(StoreOutcome.InvalidSyncToken, (await Store.GetChangesAsync(Work, workToken with { Sequence = workToken.Sequence + 5 }, 10)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await Store.GetChangesAsync(new CollectionRef(Alice, "missing"), null, 10)).Outcome);
    }

    [Fact]
    public async Task Pruning_drops_old_tombstones_and_invalidates_tokens_that_could_have_missed_them()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("a"));
        await PutNewAsync(Work, "b.ics", Event("b"));
        var beforeOldDeletion = await CurrentTokenAsync(Work);
        await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);
        var afterOldDeletion = await CurrentTokenAsync(Work);
        Clock.Advance(Duration.FromDays(40));
        await Store.DeleteObjectAsync(Work.Object("b.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Ok, await Store.PruneChangeLogAsync(Work, Clock.Now - Duration.FromDays(30)));

        Assert.Equal(StoreOutcome.InvalidSyncToken, (await Store.GetChangesAsync(Work, beforeOldDeletion, 10)).Outcome);
        var stillValid = await Store.GetChangesAsync(Work, afterOldDeletion, 10);
        Assert.Equal(StoreOutcome.Ok, stillValid.Outcome);
        Assert.Equal([new MemberChange("b.ics", true)], stillValid.Changes);
        Assert.Equal(StoreOutcome.NotFound, await Store.PruneChangeLogAsync(new CollectionRef(Alice, "missing"), Clock.Now));
    }

    [Fact]
    public async Task Pruning_with_nothing_old_enough_keeps_every_token_valid()
    {
        await CreateAliceWithCalendarsAsync();
        var token = await CurrentTokenAsync(Work);
        await PutNewAsync(Work, "a.ics", Event("a"));
        await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);

        await Store.PruneChangeLogAsync(Work, Clock.Now - Duration.FromDays(1));

        Assert.Equal([new MemberChange("a.ics", true)], (await Store.GetChangesAsync(Work, token, 10)).Changes);
    }
}
