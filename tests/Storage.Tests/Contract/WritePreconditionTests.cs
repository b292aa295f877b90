using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// RFC 9110 sections 13.1.1 (If-Match) and 13.1.2 (If-None-Match).
public sealed class WritePreconditionTests
{
    private static readonly ETag Current = ETag.FromContent("current"u8);
    private static readonly ETag Other = ETag.FromContent("other"u8);

    [Fact]
    public void No_condition_is_always_satisfied()
    {
        Assert.True(WritePrecondition.None.IsSatisfiedBy(null));
        Assert.True(WritePrecondition.None.IsSatisfiedBy(Current));
    }

    [Fact]
    public void If_Match_star_needs_a_current_representation()
    {
        Assert.True(WritePrecondition.IfMatchAny.IsSatisfiedBy(Current));
        Assert.False(WritePrecondition.IfMatchAny.IsSatisfiedBy(null));
    }

    [Fact]
    public void If_Match_with_tags_needs_the_current_tag_among_them()
    {
        Assert.True(WritePrecondition.IfMatch(Other, Current).IsSatisfiedBy(Current));
        Assert.False(WritePrecondition.IfMatch(Other).IsSatisfiedBy(Current));
        Assert.False(WritePrecondition.IfMatch(Current).IsSatisfiedBy(null));
    }

    [Fact]
    public void If_None_Match_star_needs_no_current_representation()
    {
        Assert.True(WritePrecondition.IfNoneMatchAny.IsSatisfiedBy(null));
        Assert.False(WritePrecondition.IfNoneMatchAny.IsSatisfiedBy(Current));
    }

    [Fact]
    public void If_None_Match_with_tags_fails_only_when_the_current_tag_is_listed()
    {
        Assert.True(WritePrecondition.IfNoneMatch(Other).IsSatisfiedBy(Current));
        Assert.True(WritePrecondition.IfNoneMatch(Current).IsSatisfiedBy(null));
        Assert.False(WritePrecondition.IfNoneMatch(Other, Current).IsSatisfiedBy(Current));
    }

    [Fact]
    public void An_empty_tag_list_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WritePrecondition.IfMatch());
        Assert.Throws<ArgumentException>(() => WritePrecondition.IfNoneMatch());
    }
}
