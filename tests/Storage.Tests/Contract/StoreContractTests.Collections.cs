using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_new_calendar_keeps_its_properties_kind_and_creation_time()
    {
        await CreateAccountAsync(Alice);
        var properties = new CollectionProperties("Work", "Office things", "#FF8800FF", 3,
            "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n", ["VEVENT"]);

        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(Work, CollectionKind.Calendar, properties));

        var stored = await Store.GetCollectionAsync(Work);
        Assert.NotNull(stored);
        Assert.Equal(Work, stored.Ref);
        Assert.Equal(CollectionKind.Calendar, stored.Kind);
        Assert.Equal(Start, stored.CreatedAt);
        Assert.Equal(properties.DisplayName, stored.Properties.DisplayName);
        Assert.Equal(properties.Description, stored.Properties.Description);
        Assert.Equal(properties.Color, stored.Properties.Color);
        Assert.Equal(properties.Order, stored.Properties.Order);
        Assert.Equal(properties.TimeZone, stored.Properties.TimeZone);
        Assert.Equal(new[] { "VEVENT" }, stored.Properties.SupportedComponents.ToArray());
        Assert.Equal(properties, stored.Properties);
    }

    [Fact]
    public async Task Unset_collection_properties_read_back_as_null_and_empty()
    {
        await CreateAccountAsync(Alice);

        await Store.CreateCollectionAsync(Work, CollectionKind.Plain, CollectionProperties.Empty);

        var stored = await Store.GetCollectionAsync(Work);
        Assert.Equal(CollectionKind.Plain, stored!.Kind);
        Assert.Null(stored.Properties.DisplayName);
        Assert.Null(stored.Properties.Order);
        Assert.Empty(stored.Properties.SupportedComponents);
    }

    [Fact]
    public async Task Creating_a_collection_answers_NotFound_AlreadyExists_or_ParentNotFound_when_it_cannot()
    {
        Assert.Equal(StoreOutcome.NotFound, await Store.CreateCollectionAsync(Work, CollectionKind.Calendar, CollectionProperties.Empty));
        await CreateAccountAsync(Alice);
        await CreateCalendarAsync(Work);

        Assert.Equal(StoreOutcome.AlreadyExists, await Store.CreateCollectionAsync(Work, CollectionKind.Plain, CollectionProperties.Empty));
        // RFC 4918 section 9.3.1: MKCOL where an intermediate collection is missing gives 409.
        Assert.Equal(StoreOutcome.ParentNotFound,
            await Store.CreateCollectionAsync(new CollectionRef(Alice, "missing/child"), CollectionKind.Plain, CollectionProperties.Empty));
        Assert.Equal(CollectionKind.Calendar, (await Store.GetCollectionAsync(Work))!.Kind);
    }

    [Fact]
    public async Task A_collection_cannot_take_the_name_of_a_resource_in_its_parent()
    {
        await CreateAccountAsync(Alice);
        var litmus = new CollectionRef(Alice, "litmus");
        await Store.CreateCollectionAsync(litmus, CollectionKind.Plain, CollectionProperties.Empty);
        await PutNewAsync(litmus, "res", new ObjectContent("hello"u8.ToArray(), "text/plain"));

        Assert.Equal(StoreOutcome.AlreadyExists, await Store.CreateCollectionAsync(litmus.Child("res"), CollectionKind.Plain, CollectionProperties.Empty));

        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(litmus.Child("sub"), CollectionKind.Plain, CollectionProperties.Empty));
        var put = await Store.PutObjectAsync(litmus.Object("sub"), new ObjectContent("x"u8.ToArray(), "text/plain"), WritePrecondition.None);
        Assert.Equal(StoreOutcome.AlreadyExists, put.Outcome);
    }

    [Fact]
    public async Task Listing_collections_returns_direct_children_only_in_pages()
    {
        await CreateAccountAsync(Alice);
        foreach (var name in new[] { "b", "a", "c" })
        {
            await Store.CreateCollectionAsync(new CollectionRef(Alice, name), CollectionKind.Calendar, CollectionProperties.Empty);
        }

        await Store.CreateCollectionAsync(new CollectionRef(Alice, "a/inner"), CollectionKind.Plain, CollectionProperties.Empty);
        await CreateAccountAsync(Bob);
        await Store.CreateCollectionAsync(new CollectionRef(Bob, "bobs"), CollectionKind.Calendar, CollectionProperties.Empty);

        var first = await Store.ListCollectionsAsync(Alice, null, PageRequest.First(2));
        var second = await Store.ListCollectionsAsync(Alice, null, first.NextRequest(2)!);
        var nested = await Store.ListCollectionsAsync(Alice, "a", PageRequest.First(10));

        Assert.Equal(["a", "b"], first.Items.Select(c => c.Ref.Path));
        Assert.Equal(["c"], second.Items.Select(c => c.Ref.Path));
        Assert.Null(second.Next);
        Assert.Equal(["a/inner"], nested.Items.Select(c => c.Ref.Path));
    }

    [Fact]
    public async Task Updating_collection_properties_replaces_them_without_touching_the_sync_token()
    {
        await CreateAliceWithCalendarsAsync();
        var before = await CurrentTokenAsync(Work);

        var outcome = await Store.UpdateCollectionPropertiesAsync(Work, new CollectionProperties("Renamed", Color: "#112233", Order: 7));

        Assert.Equal(StoreOutcome.Ok, outcome);
        var stored = await Store.GetCollectionAsync(Work);
        Assert.Equal("Renamed", stored!.Properties.DisplayName);
        Assert.Equal("#112233", stored.Properties.Color);
        Assert.Equal(7, stored.Properties.Order);
        Assert.Empty(stored.Properties.SupportedComponents);
        Assert.Equal(before, stored.SyncToken);
        Assert.Equal(StoreOutcome.NotFound, await Store.UpdateCollectionPropertiesAsync(new CollectionRef(Alice, "nope"), CollectionProperties.Empty));
    }

    [Fact]
    public async Task Deleting_a_collection_removes_its_members_and_nested_collections_only()
    {
        await CreateAccountAsync(Alice);
        var litmus = new CollectionRef(Alice, "litmus");
        var sibling = new CollectionRef(Alice, "litmus2");
        await Store.CreateCollectionAsync(litmus, CollectionKind.Plain, CollectionProperties.Empty);
        await Store.CreateCollectionAsync(litmus.Child("sub"), CollectionKind.Plain, CollectionProperties.Empty);
        await Store.CreateCollectionAsync(sibling, CollectionKind.Plain, CollectionProperties.Empty);
        await PutNewAsync(litmus, "a.txt", new ObjectContent("a"u8.ToArray(), "text/plain"));
        await PutNewAsync(litmus.Child("sub"), "b.txt", new ObjectContent("b"u8.ToArray(), "text/plain"));
        await PutNewAsync(sibling, "c.txt", new ObjectContent("c"u8.ToArray(), "text/plain"));

        Assert.Equal(StoreOutcome.Ok, await Store.DeleteCollectionAsync(litmus));

        Assert.Null(await Store.GetCollectionAsync(litmus));
        Assert.Null(await Store.GetCollectionAsync(litmus.Child("sub")));
        Assert.Null(await Store.GetObjectAsync(litmus.Object("a.txt")));
        Assert.Null(await Store.GetObjectAsync(litmus.Child("sub").Object("b.txt")));
        Assert.NotNull(await Store.GetObjectAsync(sibling.Object("c.txt")));
        Assert.Equal(StoreOutcome.NotFound, await Store.DeleteCollectionAsync(litmus));
    }

    [Fact]
    public async Task A_recreated_collection_starts_empty_and_rejects_tokens_of_the_old_one()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a"));
        var oldToken = await CurrentTokenAsync(Work);

        await Store.DeleteCollectionAsync(Work);
        await CreateCalendarAsync(Work);

        Assert.Empty((await Store.ListObjectsAsync(Work, PageRequest.First(10))).Items);
        Assert.Equal(StoreOutcome.InvalidSyncToken, (await Store.GetChangesAsync(Work, oldToken, 100)).Outcome);
        Assert.NotEqual(oldToken, await CurrentTokenAsync(Work));
    }

    [Fact]
    public async Task Creating_and_deleting_a_nested_collection_are_changes_of_its_parent()
    {
        await CreateAccountAsync(Alice);
        var litmus = new CollectionRef(Alice, "litmus");
        await Store.CreateCollectionAsync(litmus, CollectionKind.Plain, CollectionProperties.Empty);
        var token = await CurrentTokenAsync(litmus);

        await Store.CreateCollectionAsync(litmus.Child("sub"), CollectionKind.Plain, CollectionProperties.Empty);
        var afterCreate = await Store.GetChangesAsync(litmus, token, 100);
        await Store.DeleteCollectionAsync(litmus.Child("sub"));
        var afterDelete = await Store.GetChangesAsync(litmus, afterCreate.Token, 100);

        Assert.Equal([new MemberChange("sub/", false)], afterCreate.Changes);
        Assert.Equal([new MemberChange("sub/", true)], afterDelete.Changes);
    }
}
