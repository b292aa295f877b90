using System.Text;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Ical.Tests.Reading;

public class Utf8ValueCacheTests
{
    [Fact]
    public void A_repeated_value_comes_back_as_the_same_string_instance()
    {
        using var cache = new Utf8ValueCache(1 << 20);
        var first = cache.GetString("20240101T000000Z"u8);
        var again = cache.GetString("20240101T000000Z"u8.ToArray());
        Assert.Equal("20240101T000000Z", first);
        Assert.Same(first, again);
    }

    [Fact]
    public void Values_that_share_a_slot_are_each_decoded_correctly()
    {
        // The smallest cache has 16 slots, so 2,000 distinct values collide and evict constantly.
        using var cache = new Utf8ValueCache(0);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 2000; i++)
            {
                var text = $"value-{i}-caf\u00e9";
                Assert.Equal(text, cache.GetString(Encoding.UTF8.GetBytes(text)));
            }
        }
    }

    [Fact]
    public void Values_differing_only_after_the_first_eight_bytes_or_in_length_are_told_apart()
    {
        using var cache = new Utf8ValueCache(1 << 20);
        Assert.Equal("mailto:guest1@example.com", cache.GetString("mailto:guest1@example.com"u8));
        Assert.Equal("mailto:guest2@example.com", cache.GetString("mailto:guest2@example.com"u8));
        Assert.Equal("0", cache.GetString("0"u8));
        Assert.Equal("0\0", cache.GetString("0\0"u8));
    }

    [Fact]
    public void Long_values_empty_values_and_invalid_utf8_decode_like_Encoding_UTF8()
    {
        using var cache = new Utf8ValueCache(1 << 20);
        var longValue = new string('x', Utf8ValueCache.MaxValueLength + 1);
        Assert.Equal(longValue, cache.GetString(Encoding.UTF8.GetBytes(longValue)));
        Assert.Same(string.Empty, cache.GetString(ReadOnlySpan<byte>.Empty));
        byte[] invalid = [(byte)'a', 0xFF, (byte)'b'];
        Assert.Equal("a\uFFFDb", cache.GetString(invalid));
        Assert.Equal("a\uFFFDb", cache.GetString(invalid));
    }

    [Fact]
    public void A_value_found_again_keeps_its_slot_against_one_newcomer_but_not_two()
    {
        using var cache = new Utf8ValueCache(0);
        var repeated = "BUSY"u8.ToArray();
        var slot = Utf8Hash.Compute(repeated, ignoreCase: false) & 15;
        var rivals = Enumerable.Range(0, 10_000)
            .Select(i => Encoding.ASCII.GetBytes($"uid-{i}"))
            .Where(key => (Utf8Hash.Compute(key, ignoreCase: false) & 15) == slot)
            .Take(2)
            .ToArray();
        var first = cache.GetString(repeated);
        Assert.Same(first, cache.GetString(repeated));
        cache.GetString(rivals[0]);
        Assert.Same(first, cache.GetString(repeated));
        cache.GetString(rivals[0]);
        cache.GetString(rivals[1]);
        var afterTwo = cache.GetString(repeated);
        Assert.Equal("BUSY", afterTwo);
        Assert.NotSame(first, afterTwo);
    }

    [Fact]
    public void A_disposed_cache_still_decodes_without_caching()
    {
        var cache = new Utf8ValueCache(1 << 20);
        cache.Dispose();
        Assert.Equal("BUSY", cache.GetString("BUSY"u8));
        cache.Dispose();
    }
}
