using AuroraTime.CalDav.Feeds;

namespace AuroraTime.CalDav.Tests.Feeds;

public class FeedTokensTests
{
    private static readonly FeedTokens Tokens = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_minted_token_verifies_and_yields_its_id()
    {
        var token = Tokens.Mint();
        Assert.Equal(FeedTokens.TokenLength, token.Token.Length);
        Assert.Equal((token.TokenId, true), Tokens.Verify(token.Token));
    }

    [Fact]
    public void Tokens_are_random_and_carry_no_user_data()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => Tokens.Mint().Token).ToHashSet();
        Assert.Equal(100, tokens.Count);
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
    }

    [Fact]
    public void A_tampered_token_fails_and_yields_the_decoy_id_not_the_real_one()
    {
        var token = Tokens.Mint();
        foreach (var position in new[] { 0, 10, 21, 30, 42 })
        {
            var chars = token.Token.ToCharArray();
            chars[position] = chars[position] == 'A' ? 'B' : 'A';
            var (id, authentic) = Tokens.Verify(new string(chars));
            Assert.False(authentic);
            Assert.NotEqual(token.TokenId, id);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_malformed_token_fails_without_throwing_and_still_yields_an_id_to_look_up(string? token)
    {
        var (id, authentic) = Tokens.Verify(token);
        Assert.False(authentic);
        Assert.Equal(22, id.Length);
    }

    [Fact]
    public void The_same_id_under_another_secret_does_not_verify()
    {
        var other = new FeedTokens(new byte[32]);
        Assert.False(other.Verify(Tokens.Mint().Token).IsAuthentic);
    }

    [Fact]
    public void The_token_of_a_stored_id_can_be_rebuilt_for_its_owner()
    {
        var token = Tokens.Mint();
        Assert.Equal(token.Token, Tokens.TokenFor(token.TokenId));
        Assert.Null(Tokens.TokenFor("not an id"));
    }

    [Fact]
    public void Revocation_accepts_a_url_a_token_or_an_id()
    {
        var token = Tokens.Mint();
        Assert.Equal(token.TokenId, FeedTokens.TokenIdFrom($"https://cal.example/feeds/{token.Token}/work.ics"));
        Assert.Equal(token.TokenId, FeedTokens.TokenIdFrom($"webcal://cal.example/feeds/{token.Token}/work.ics"));
        Assert.Equal(token.TokenId, FeedTokens.TokenIdFrom(token.Token));
        Assert.Equal(token.TokenId, FeedTokens.TokenIdFrom(token.TokenId));
        Assert.Null(FeedTokens.TokenIdFrom("https://cal.example/feeds/garbage/work.ics"));
    }

    [Fact]
    public void A_short_secret_is_refused() =>
        Assert.Throws<ArgumentException>(() => new FeedTokens(new byte[16]));
}
