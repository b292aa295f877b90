using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// RFC 4918 sections 9.8 (COPY) and 9.9 (MOVE): dead properties travel with the resource; with
// "Overwrite: F" an existing target makes the method fail (412).
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Moving_an_object_to_another_calendar_carries_bytes_etag_and_dead_properties_in_one_step()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("uid-a", "Moved"));
        await Store.PatchDeadPropertiesAsync(Work, "a.ics", [DeadPropertyChange.Set("{urn:x}note", "<x:note xmlns:x=\"urn:x\">hi</x:note>")]);
        var workToken = await CurrentTokenAsync(Work);
        var homeToken = await CurrentTokenAsync(Home);

        var result = await Store.MoveObjectAsync(Work.Object("a.ics"), Home.Object("b.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Created, result.Outcome);
        Assert.Equal(tag, result.ETag);
        Assert.Null(await Store.GetObjectAsync(Work.Object("a.ics")));
        var moved = await Store.GetObjectAsync(Home.Object("b.ics"));
        Assert.Equal(tag, moved!.ETag);
        Assert.Equal("uid-a", moved.Summary.Uid);
        Assert.Equal("<x:note xmlns:x=\"urn:x\">hi</x:note>", (await Store.GetDeadPropertiesAsync(Home, "b.ics"))!["{urn:x}note"]);
        Assert.Equal([new MemberChange("a.ics", true)], (await Store.GetChangesAsync(Work, workToken, 10)).Changes);
        Assert.Equal([new MemberChange("b.ics", false)], (await Store.GetChangesAsync(Home, homeToken, 10)).Changes);
        Assert.Null(await Store.FindHrefByUidAsync(Work, "uid-a"));
    }

    [Fact]
    public async Task Renaming_within_a_calendar_is_not_a_uid_conflict_with_itself()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a"));

        var result = await Store.MoveObjectAsync(Work.Object("a.ics"), Work.Object("renamed.ics"), WritePrecondition.IfNoneMatchAny);

        Assert.Equal(StoreOutcome.Created, result.Outcome);
        Assert.Equal("renamed.ics", await Store.FindHrefByUidAsync(Work, "uid-a"));
    }

    [Fact]
    public async Task Moving_onto_an_existing_object_without_overwrite_fails_and_changes_nothing()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a", "Source"));
        var targetTag = await PutNewAsync(Home, "b.ics", Event("uid-b", "Target"));
        var workToken = await CurrentTokenAsync(Work);

        var refused = await Store.MoveObjectAsync(Work.Object("a.ics"), Home.Object("b.ics"), WritePrecondition.IfNoneMatchAny);

        Assert.Equal(StoreOutcome.PreconditionFailed, refused.Outcome);
        Assert.NotNull(await Store.GetObjectAsync(Work.Object("a.ics")));
        await AssertUnchangedAsync(Home.Object("b.ics"), targetTag, "Target", await CurrentTokenAsync(Home));
        Assert.Equal(workToken, await CurrentTokenAsync(Work));
    }

    [Fact]
    public async Task Moving_onto_an_existing_object_with_overwrite_replaces_it()
    {
        await CreateAliceWithCalendarsAsync();
        var sourceTag = await PutNewAsync(Work, "a.ics", Event("uid-a", "Source"));
        await PutNewAsync(Home, "b.ics", Event("uid-b", "Target"));
        await Store.PatchDeadPropertiesAsync(Home, "b.ics", [DeadPropertyChange.Set("{urn:x}old", "<old/>")]);

        var result = await Store.MoveObjectAsync(Work.Object("a.ics"), Home.Object("b.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Updated, result.Outcome);
        Assert.Equal(sourceTag, (await Store.GetObjectAsync(Home.Object("b.ics")))!.ETag);
        Assert.Empty((await Store.GetDeadPropertiesAsync(Home, "b.ics"))!);
        Assert.Null(await Store.FindHrefByUidAsync(Home, "uid-b"));
    }

    [Fact]
    public async Task Copying_within_one_calendar_is_a_uid_conflict_but_to_another_calendar_is_fine()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("uid-a"));
        await Store.PatchDeadPropertiesAsync(Work, "a.ics", [DeadPropertyChange.Set("{urn:x}p", "<p/>")]);

        var sameCalendar = await Store.CopyObjectAsync(Work.Object("a.ics"), Work.Object("copy.ics"), WritePrecondition.None);
        var otherCalendar = await Store.CopyObjectAsync(Work.Object("a.ics"), Home.Object("copy.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.UidConflict, sameCalendar.Outcome);
        Assert.Equal("a.ics", sameCalendar.ConflictingHref);
        Assert.Equal(StoreOutcome.Created, otherCalendar.Outcome);
        Assert.Equal(tag, (await Store.GetObjectAsync(Work.Object("a.ics")))!.ETag);
        Assert.Equal(tag, (await Store.GetObjectAsync(Home.Object("copy.ics")))!.ETag);
        Assert.Equal("<p/>", (await Store.GetDeadPropertiesAsync(Home, "copy.ics"))!["{urn:x}p"]);
        Assert.Equal("<p/>", (await Store.GetDeadPropertiesAsync(Work, "a.ics"))!["{urn:x}p"]);
    }

    [Fact]
    public async Task Move_and_copy_report_missing_source_missing_target_collection_and_same_resource()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a"));
        var nowhere = new CollectionRef(Alice, "nowhere");

        Assert.Equal(StoreOutcome.NotFound, (await Store.MoveObjectAsync(Work.Object("missing.ics"), Home.Object("x.ics"), WritePrecondition.None)).Outcome);
        Assert.Equal(StoreOutcome.ParentNotFound, (await Store.MoveObjectAsync(Work.Object("a.ics"), nowhere.Object("x.ics"), WritePrecondition.None)).Outcome);
        Assert.Equal(StoreOutcome.SameSourceAndTarget, (await Store.CopyObjectAsync(Work.Object("a.ics"), Work.Object("a.ics"), WritePrecondition.None)).Outcome);
        Assert.NotNull(await Store.GetObjectAsync(Work.Object("a.ics")));
    }

    [Fact]
    public async Task Moving_between_accounts_is_refused_as_a_programming_error()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a"));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.MoveObjectAsync(Work.Object("a.ics"), new CollectionRef(Bob, "work").Object("a.ics"), WritePrecondition.None));
    }
}
