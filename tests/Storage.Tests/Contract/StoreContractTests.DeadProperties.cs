using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// RFC 4918 section 9.2: PROPPATCH instructions are applied all or none; dead properties are stored
// verbatim and removed with their resource.
public abstract partial class StoreContractTests
{
    private const string Author = "{http://example.com/ns}author";
    private const string Rating = "{http://example.com/ns}rating";

    [Fact]
    public async Task Dead_properties_on_a_collection_are_set_replaced_and_removed_verbatim()
    {
        await CreateAliceWithCalendarsAsync();
        const string fragment = "<e:author xmlns:e=\"http://example.com/ns\"><e:name>J. Doe &amp; co</e:name></e:author>";

        Assert.Equal(StoreOutcome.Ok, await Store.PatchDeadPropertiesAsync(Work, null,
            [DeadPropertyChange.Set(Author, fragment), DeadPropertyChange.Set(Rating, "<e:rating xmlns:e=\"http://example.com/ns\">1</e:rating>")]));
        Assert.Equal(StoreOutcome.Ok, await Store.PatchDeadPropertiesAsync(Work, null,
            [DeadPropertyChange.Remove(Rating), DeadPropertyChange.Set(Rating, "<e:rating xmlns:e=\"http://example.com/ns\">5</e:rating>"), DeadPropertyChange.Remove("{urn:x}never-set")]));

        var properties = await Store.GetDeadPropertiesAsync(Work, null);
        Assert.Equal(2, properties!.Count);
        Assert.Equal(fragment, properties[Author]);
        Assert.Equal("<e:rating xmlns:e=\"http://example.com/ns\">5</e:rating>", properties[Rating]);
        Assert.Empty((await Store.GetDeadPropertiesAsync(Home, null))!);
    }

    [Fact]
    public async Task Dead_properties_of_an_object_survive_a_rewrite_and_go_with_its_deletion()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("a"));
        await Store.PatchDeadPropertiesAsync(Work, "a.ics", [DeadPropertyChange.Set(Author, "<author/>")]);

        await Store.PutObjectAsync(Work.Object("a.ics"), Event("a", "edited"), WritePrecondition.None);
        var afterRewrite = await Store.GetDeadPropertiesAsync(Work, "a.ics");
        await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);
        var afterDelete = await Store.GetDeadPropertiesAsync(Work, "a.ics");
        await PutNewAsync(Work, "a.ics", Event("a"));

        Assert.Equal("<author/>", afterRewrite![Author]);
        Assert.Null(afterDelete);
        Assert.Empty((await Store.GetDeadPropertiesAsync(Work, "a.ics"))!);
        Assert.Empty((await Store.GetDeadPropertiesAsync(Work, null))!);
    }

    [Fact]
    public async Task Dead_properties_of_missing_resources_read_as_null_and_cannot_be_patched()
    {
        await CreateAliceWithCalendarsAsync();

        Assert.Null(await Store.GetDeadPropertiesAsync(Work, "missing.ics"));
        Assert.Null(await Store.GetDeadPropertiesAsync(new CollectionRef(Alice, "missing"), null));
        Assert.Equal(StoreOutcome.NotFound, await Store.PatchDeadPropertiesAsync(Work, "missing.ics", [DeadPropertyChange.Set(Author, "<a/>")]));
        Assert.Equal(StoreOutcome.NotFound, await Store.PatchDeadPropertiesAsync(new CollectionRef(Alice, "missing"), null, [DeadPropertyChange.Set(Author, "<a/>")]));
    }

    [Fact]
    public async Task Dead_property_changes_do_not_count_as_member_changes()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("a"));
        var token = await CurrentTokenAsync(Work);

        await Store.PatchDeadPropertiesAsync(Work, "a.ics", [DeadPropertyChange.Set(Author, "<a/>")]);

        // A dead property is not part of the calendar data, so the ETag and the sync state stay put.
        Assert.Equal(token, await CurrentTokenAsync(Work));
    }
}
