using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// RFC 9110 section 13.1: "the server MUST NOT perform the requested method" when If-Match or
// If-None-Match evaluates to false. The store must also leave no trace: no bytes, no change entry.
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task If_None_Match_any_on_an_existing_object_fails_and_changes_nothing()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("uid-a", "Original"));
        var token = await CurrentTokenAsync(Work);

        var result = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Overwrite"), WritePrecondition.IfNoneMatchAny);

        Assert.Equal(StoreOutcome.PreconditionFailed, result.Outcome);
        await AssertUnchangedAsync(Work.Object("a.ics"), tag, "Original", token);
    }

    [Fact]
    public async Task If_Match_with_a_stale_etag_fails_and_changes_nothing()
    {
        await CreateAliceWithCalendarsAsync();
        var stale = await PutNewAsync(Work, "a.ics", Event("uid-a", "One"));
        var current = (await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Two"), WritePrecondition.IfMatch(stale))).ETag!.Value;
        var token = await CurrentTokenAsync(Work);

        var result = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Three"), WritePrecondition.IfMatch(stale));

        Assert.Equal(StoreOutcome.PreconditionFailed, result.Outcome);
        await AssertUnchangedAsync(Work.Object("a.ics"), current, "Two", token);
    }

    [Fact]
    public async Task If_Match_with_the_current_etag_or_one_of_a_list_succeeds()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("uid-a", "One"));
        var other = ETag.FromContent("unrelated"u8);

        var result = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Two"), WritePrecondition.IfMatch(other, tag));

        Assert.Equal(StoreOutcome.Updated, result.Outcome);
        Assert.Contains("SUMMARY:Two", Text((await Store.GetObjectAsync(Work.Object("a.ics")))!));
    }

    [Fact]
    public async Task If_Match_any_on_a_missing_object_fails_and_creates_nothing()
    {
        await CreateAliceWithCalendarsAsync();
        var token = await CurrentTokenAsync(Work);

        var result = await Store.PutObjectAsync(Work.Object("new.ics"), Event("uid-new"), WritePrecondition.IfMatchAny);

        Assert.Equal(StoreOutcome.PreconditionFailed, result.Outcome);
        Assert.Null(await Store.GetObjectAsync(Work.Object("new.ics")));
        Assert.Equal(token, await CurrentTokenAsync(Work));
        Assert.Null(await Store.FindHrefByUidAsync(Work, "uid-new"));
    }

    [Fact]
    public async Task If_None_Match_with_a_different_etag_lets_the_write_through()
    {
        await CreateAliceWithCalendarsAsync();
        var tag = await PutNewAsync(Work, "a.ics", Event("uid-a", "One"));

        var blocked = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Two"), WritePrecondition.IfNoneMatch(tag));
        var allowed = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Two"), WritePrecondition.IfNoneMatch(ETag.FromContent("x"u8)));

        Assert.Equal(StoreOutcome.PreconditionFailed, blocked.Outcome);
        Assert.Equal(StoreOutcome.Updated, allowed.Outcome);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_fails_and_keeps_the_object()
    {
        await CreateAliceWithCalendarsAsync();
        var stale = await PutNewAsync(Work, "a.ics", Event("uid-a", "One"));
        var current = (await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Two"), WritePrecondition.None)).ETag!.Value;
        var token = await CurrentTokenAsync(Work);

        var refused = await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.IfMatch(stale));

        Assert.Equal(StoreOutcome.PreconditionFailed, refused.Outcome);
        await AssertUnchangedAsync(Work.Object("a.ics"), current, "Two", token);
        Assert.Equal(StoreOutcome.Ok, (await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.IfMatch(current))).Outcome);
    }

    private async Task AssertUnchangedAsync(ObjectRef resource, ETag tag, string summary, SyncToken token)
    {
        var stored = await Store.GetObjectAsync(resource);
        Assert.NotNull(stored);
        Assert.Equal(tag, stored.ETag);
        Assert.Contains("SUMMARY:" + summary + "\r\n", Text(stored));
        Assert.Equal(token, await CurrentTokenAsync(resource.Collection));
        var changes = await Store.GetChangesAsync(resource.Collection, token, 10);
        Assert.Equal(StoreOutcome.Ok, changes.Outcome);
        Assert.Empty(changes.Changes);
    }
}
