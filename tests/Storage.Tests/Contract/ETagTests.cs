using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

public sealed class ETagTests
{
    [Fact]
    public void Equal_bytes_give_equal_tags_and_different_bytes_different_tags()
    {
        Assert.Equal(ETag.FromContent("abc"u8), ETag.FromContent("abc"u8));
        Assert.NotEqual(ETag.FromContent("abc"u8), ETag.FromContent("abd"u8));
    }

    [Fact]
    public void The_tag_is_the_first_sixteen_bytes_of_sha256_in_lower_case_hex()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2, appendix B.1).
        var tag = ETag.FromContent("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223", tag.Value);
        Assert.Equal("\"ba7816bf8f01cfea414140de5dae2223\"", tag.Quoted);
    }

    [Theory]
    [InlineData("\"abc\"", true, "abc")]
    [InlineData("  \"abc\" ", true, "abc")]
    [InlineData("W/\"abc\"", false, null)]
    [InlineData("abc", false, null)]
    [InlineData("\"a\"b\"", false, null)]
    [InlineData("\"a b\"", false, null)]
    [InlineData("\"", false, null)]
    [InlineData("", false, null)]
    [InlineData(null, false, null)]
    public void Only_strong_quoted_tags_parse(string? header, bool parses, string? value)
    {
        Assert.Equal(parses, ETag.TryParseQuoted(header, out var tag));
        if (parses)
        {
            Assert.Equal(value, tag.Value);
        }
    }

    [Fact]
    public void A_parsed_tag_equals_the_computed_one()
    {
        var computed = ETag.FromContent("BEGIN:VCALENDAR"u8);

        Assert.True(ETag.TryParseQuoted(computed.Quoted, out var parsed));
        Assert.Equal(computed, parsed);
    }
}
