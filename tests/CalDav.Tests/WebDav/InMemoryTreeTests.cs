using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Testing;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>
/// The tree contract the core relies on for lost-update safety: writes and deletes re-check the
/// ETag the core saw, and creation re-checks that the name is free, inside the store's own lock.
/// </summary>
public sealed class InMemoryTreeTests
{
    private static MemoryStream Body(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_write_with_a_stale_expected_etag_fails_with_412_and_keeps_the_content()
    {
        var tree = new InMemoryTree();
        var file = (IDavWritableFile)await tree.Root.CreateFileAsync(DavSegment.FromName("f"), Body("one"), "text/plain", default);
        var seen = file.ETag;
        await file.WriteAsync(Body("two"), "text/plain", seen, default);

        var error = await Assert.ThrowsAsync<DavException>(async () => await file.WriteAsync(Body("three"), "text/plain", seen, default));

        Assert.Equal(412, error.Status);
        using var reader = new StreamReader(await file.OpenReadAsync(default));
        Assert.Equal("two", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_delete_with_a_stale_expected_etag_fails_and_a_missing_member_is_404()
    {
        var tree = new InMemoryTree();
        var file = (IDavWritableFile)await tree.Root.CreateFileAsync(DavSegment.FromName("f"), Body("one"), null, default);
        var stale = file.ETag;
        await file.WriteAsync(Body("two"), null, null, default);

        var changed = await Assert.ThrowsAsync<DavException>(async () => await tree.Root.DeleteChildAsync("f", stale, default));
        await tree.Root.DeleteChildAsync("f", file.ETag, default);
        var gone = await Assert.ThrowsAsync<DavException>(async () => await tree.Root.DeleteChildAsync("f", null, default));

        Assert.Equal(412, changed.Status);
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task Creating_a_taken_name_fails_with_412()
    {
        var tree = new InMemoryTree();
        await tree.Root.CreateCollectionAsync(DavSegment.FromName("c"), DavCollectionSpec.Plain, default);

        var error = await Assert.ThrowsAsync<DavException>(async () => await tree.Root.CreateFileAsync(DavSegment.FromName("c"), Body("x"), null, default));

        Assert.Equal(412, error.Status);
    }
}
