using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Tests.Values;

// RFC 5545 3.3.14 UTC-OFFSET: time-numzone = ("+" / "-") time-hour time-minute [time-second]
public class UtcOffsetValueTests
{
    [Theory]
    [InlineData("-0500", -5 * 3600)]
    [InlineData("+0100", 3600)]
    [InlineData("+0530", (5 * 3600) + (30 * 60))]
    [InlineData("+005328", (53 * 60) + 28)]
    [InlineData("-0000", 0)]
    public void Offsets_parse_with_their_sign(string text, int seconds)
    {
        Assert.Equal(Offset.FromSeconds(seconds), UtcOffsetValue.Parse(text));
    }

    [Theory]
    [InlineData("0100")]
    [InlineData("+1")]
    [InlineData("+01:00")]
    [InlineData("+0160")]
    [InlineData("+1900")]
    [InlineData("+01000")]
    [InlineData("")]
    public void Invalid_offsets_are_IcalFormatExceptions(string text)
    {
        Assert.Throws<IcalFormatException>(() => UtcOffsetValue.Parse(text));
    }

    [Theory]
    [InlineData("+0100")]
    [InlineData("-0430")]
    [InlineData("+005328")]
    [InlineData("+0000")]
    public void Format_round_trips(string text)
    {
        Assert.Equal(text, UtcOffsetValue.Format(UtcOffsetValue.Parse(text)));
    }
}
