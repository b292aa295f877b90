using AuroraTime.CalDav.WebDav.Http;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class EntityTagAndPathTests
{
    [Theory]
    [InlineData("\"a\"", 1)]
    [InlineData("\"a\", W/\"b\" ,\"c\"", 3)]
    [InlineData("W/\"\"", 1)]
    public void Entity_tag_lists_parse(string header, int count)
    {
        Assert.True(EntityTag.TryParseList(header, out var tags, out var any));
        Assert.False(any);
        Assert.Equal(count, tags.Count);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("\"a")]
    [InlineData("\"a\" \"b\"")]
    [InlineData("")]
    public void Malformed_entity_tag_lists_are_rejected(string header) =>
        Assert.False(EntityTag.TryParseList(header, out _, out _));

    // RFC 9110 8.8.3.2 comparison table: W/"1" vs W/"1" weak-equal only; "1" vs "1" both.
    [Fact]
    public void Strong_comparison_needs_two_strong_tags_and_weak_comparison_ignores_weakness()
    {
        var strong = new EntityTag("1");
        var weak = new EntityTag("1", IsWeak: true);

        Assert.True(strong.StrongEquals(strong));
        Assert.False(weak.StrongEquals(weak));
        Assert.False(strong.StrongEquals(weak));
        Assert.True(weak.WeakEquals(strong));
        Assert.False(strong.WeakEquals(new EntityTag("2")));
        Assert.Equal("W/\"1\"", weak.ToString());
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a@b+c", "a@b%2Bc")]
    [InlineData("été", "%C3%A9t%C3%A9")]
    [InlineData("x\U0001F600", "x%F0%9F%98%80")]
    public void Names_encode_canonically_and_decode_back(string name, string encoded)
    {
        Assert.Equal(encoded, DavSegment.Encode(name));
        Assert.True(DavSegment.TryDecode(encoded, out var segment));
        Assert.Equal(name, segment.Name);
    }

    [Fact]
    public void Exactly_the_unreserved_characters_and_the_kept_delimiters_are_left_unencoded()
    {
        // RFC 3986 2.3 unreserved plus the pchar delimiters clients leave alone (DavSegment.Encode); '+' and '&' are encoded.
        const string kept = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;=:@";
        for (var c = '\0'; c < 0x300; c++)
        {
            var name = "a" + c;
            var unencoded = DavSegment.Encode(name) == name;
            Assert.True(kept.Contains(c) == unencoded, $"U+{(int)c:X4}: left unencoded {unencoded}");
        }
    }

    [Theory]
    [InlineData("/a/%2F")]
    [InlineData("/a/%zz")]
    [InlineData("/a/../b")]
    [InlineData("/%C3")]
    public void Paths_that_cannot_name_a_resource_are_rejected(string raw) =>
        Assert.False(DavPath.TryParse(raw, out _));

    [Fact]
    public void Paths_compare_by_decoded_names_and_keep_the_spelling_for_hrefs()
    {
        Assert.True(DavPath.TryParse("/cal//a%40b.ics", out var encoded));
        Assert.True(DavPath.TryParse("/cal/a@b.ics", out var plain));

        Assert.Equal(plain, encoded);
        Assert.Equal("/dav/cal/a%40b.ics", encoded.ToHref("/dav", isCollection: false));
        Assert.Equal("/cal/", encoded.Parent!.ToHref("", isCollection: true));
        Assert.True(encoded.Parent!.IsSelfOrAncestorOf(plain));
    }
}
