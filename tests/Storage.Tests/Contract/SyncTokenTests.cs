using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

public sealed class SyncTokenTests
{
    [Fact]
    public void A_token_survives_a_round_trip_through_its_text()
    {
        var token = new SyncToken("0f3a9c", 42);

        Assert.True(SyncToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("_5")]
    [InlineData("abc_")]
    [InlineData("abc_-5")]
    [InlineData("abc_5x")]
    [InlineData("a/b_5")]
    [InlineData("abc_99999999999999999999999")]
    public void Text_that_is_not_a_token_does_not_parse(string? text)
    {
        Assert.False(SyncToken.TryParse(text, out _));
    }
}
