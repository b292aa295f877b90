using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

public sealed class ResourceNamesTests
{
    [Theory]
    [InlineData("work", true)]
    [InlineData("litmus/sub", true)]
    [InlineData("with space@x+y", true)]
    [InlineData("", false)]
    [InlineData("/work", false)]
    [InlineData("work/", false)]
    [InlineData("a//b", false)]
    [InlineData("a/../b", false)]
    [InlineData("a\nb", false)]
    public void Collection_paths_are_slash_joined_non_empty_segments(string path, bool valid)
    {
        Assert.Equal(valid, ResourceNames.IsValidCollectionPath(path));
    }

    [Fact]
    public void Refs_with_bad_names_are_refused_with_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new CollectionRef("alice", "a//b"));
        Assert.Throws<ArgumentException>(() => new CollectionRef("al/ice", "a"));
        Assert.Throws<ArgumentException>(() => new CollectionRef("alice", "a").Object("x/y.ics"));
    }

    [Fact]
    public void A_collection_ref_knows_its_parent_and_name()
    {
        var nested = new CollectionRef("alice", "litmus/sub/deep");

        Assert.Equal("litmus/sub", nested.ParentPath);
        Assert.Equal("deep", nested.Name);
        Assert.Null(new CollectionRef("alice", "top").ParentPath);
    }
}
