using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// RFC 4918 sections 9.8 and 9.9: COPY and MOVE of a collection act on the whole subtree (Depth
// infinity); with "Overwrite: F" an existing target makes them fail (412); with "T" it is deleted first.
public abstract partial class StoreContractTests
{
    private CollectionRef Litmus => new(Alice, "litmus");

    private async Task CreateTreeAsync(CollectionRef root)
    {
        await Store.CreateCollectionAsync(root, CollectionKind.Plain, new CollectionProperties("Tree"));
        await Store.CreateCollectionAsync(root.Child("sub"), CollectionKind.Plain, CollectionProperties.Empty);
        await PutNewAsync(root, "a.txt", new ObjectContent("a"u8.ToArray(), "text/plain"));
        await PutNewAsync(root.Child("sub"), "b.txt", new ObjectContent("b"u8.ToArray(), "text/plain"));
        await Store.PatchDeadPropertiesAsync(root, null, [DeadPropertyChange.Set("{urn:x}p", "<p/>")]);
        await Store.PatchDeadPropertiesAsync(root, "a.txt", [DeadPropertyChange.Set("{urn:x}q", "<q/>")]);
    }

    [Fact]
    public async Task Moving_a_collection_carries_its_members_nested_collections_and_dead_properties()
    {
        await CreateAccountAsync(Alice);
        await Store.CreateCollectionAsync(Litmus, CollectionKind.Plain, CollectionProperties.Empty);
        var source = Litmus.Child("src");
        var target = Litmus.Child("dst");
        await CreateTreeAsync(source);
        var token = await CurrentTokenAsync(Litmus);

        Assert.Equal(StoreOutcome.Created, await Store.MoveCollectionAsync(source, target, overwrite: false));

        Assert.Null(await Store.GetCollectionAsync(source));
        Assert.Null(await Store.GetCollectionAsync(source.Child("sub")));
        Assert.Equal("Tree", (await Store.GetCollectionAsync(target))!.Properties.DisplayName);
        Assert.Equal("a", Text((await Store.GetObjectAsync(target.Object("a.txt")))!));
        Assert.Equal("b", Text((await Store.GetObjectAsync(target.Child("sub").Object("b.txt")))!));
        Assert.Equal("<p/>", (await Store.GetDeadPropertiesAsync(target, null))!["{urn:x}p"]);
        Assert.Equal("<q/>", (await Store.GetDeadPropertiesAsync(target, "a.txt"))!["{urn:x}q"]);
        Assert.Equal(["dst"], (await Store.ListCollectionsAsync(Alice, "litmus", PageRequest.First(10))).Items.Select(c => c.Ref.Name));
        Assert.Equal(["dst/sub"], (await Store.ListCollectionsAsync(Alice, "litmus/dst", PageRequest.First(10))).Items.Select(c => c.Ref.Path[7..]));
        Assert.Equal([new MemberChange("src/", true), new MemberChange("dst/", false)], (await Store.GetChangesAsync(Litmus, token, 10)).Changes);
    }

    [Fact]
    public async Task Copying_a_collection_leaves_the_source_and_gives_the_copy_its_own_change_log()
    {
        await CreateAccountAsync(Alice);
        await CreateTreeAsync(Litmus);
        var copy = new CollectionRef(Alice, "copy");

        Assert.Equal(StoreOutcome.Created, await Store.CopyCollectionAsync(Litmus, copy, overwrite: false));

        Assert.Equal("a", Text((await Store.GetObjectAsync(Litmus.Object("a.txt")))!));
        Assert.Equal("b", Text((await Store.GetObjectAsync(copy.Child("sub").Object("b.txt")))!));
        Assert.Equal("<q/>", (await Store.GetDeadPropertiesAsync(copy, "a.txt"))!["{urn:x}q"]);
        Assert.Equal("<p/>", (await Store.GetDeadPropertiesAsync(copy, null))!["{urn:x}p"]);
        var initial = await Store.GetChangesAsync(copy, null, 10);
        Assert.Equal(["a.txt", "sub/"], initial.Changes.Select(c => c.Href).Order(StringComparer.Ordinal));
        Assert.Equal(await CurrentTokenAsync(copy), initial.Token);
        Assert.NotEqual((await CurrentTokenAsync(Litmus)).Incarnation, initial.Token!.Value.Incarnation);

        // Writes to the copy do not touch the source.
        await Store.PutObjectAsync(copy.Object("a.txt"), new ObjectContent("changed"u8.ToArray(), "text/plain"), WritePrecondition.None);
        Assert.Equal("a", Text((await Store.GetObjectAsync(Litmus.Object("a.txt")))!));
    }

    [Fact]
    public async Task An_existing_target_is_replaced_only_with_overwrite()
    {
        await CreateAccountAsync(Alice);
        await CreateTreeAsync(Litmus);
        var target = new CollectionRef(Alice, "target");
        await Store.CreateCollectionAsync(target, CollectionKind.Plain, CollectionProperties.Empty);
        await PutNewAsync(target, "old.txt", new ObjectContent("old"u8.ToArray(), "text/plain"));

        Assert.Equal(StoreOutcome.PreconditionFailed, await Store.CopyCollectionAsync(Litmus, target, overwrite: false));
        Assert.NotNull(await Store.GetObjectAsync(target.Object("old.txt")));

        Assert.Equal(StoreOutcome.Updated, await Store.MoveCollectionAsync(Litmus, target, overwrite: true));
        Assert.Null(await Store.GetObjectAsync(target.Object("old.txt")));
        Assert.NotNull(await Store.GetObjectAsync(target.Object("a.txt")));
        Assert.Null(await Store.GetCollectionAsync(Litmus));
    }

    [Fact]
    public async Task Collection_move_and_copy_report_missing_source_missing_parent_and_moves_into_themselves()
    {
        await CreateAccountAsync(Alice);
        await CreateTreeAsync(Litmus);

        Assert.Equal(StoreOutcome.NotFound, await Store.MoveCollectionAsync(new CollectionRef(Alice, "none"), new CollectionRef(Alice, "x"), false));
        Assert.Equal(StoreOutcome.ParentNotFound, await Store.CopyCollectionAsync(Litmus, new CollectionRef(Alice, "none/x"), false));
        Assert.Equal(StoreOutcome.SameSourceAndTarget, await Store.MoveCollectionAsync(Litmus, Litmus.Child("inside"), true));
        Assert.Equal(StoreOutcome.SameSourceAndTarget, await Store.CopyCollectionAsync(Litmus, Litmus, true));
        Assert.NotNull(await Store.GetObjectAsync(Litmus.Object("a.txt")));
    }
}
