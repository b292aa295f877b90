using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Tests.Values;

// RFC 5545 3.3.6 DURATION: dur-value = (["+"] / "-") "P" (dur-date / dur-time / dur-week)
public class IcalDurationTests
{
    [Theory]
    [InlineData("P15DT5H0M20S", false, 0, 15, 5, 0, 20)]
    [InlineData("P7W", false, 7, 0, 0, 0, 0)]
    [InlineData("-PT15M", true, 0, 0, 0, 15, 0)]
    [InlineData("+P1D", false, 0, 1, 0, 0, 0)]
    [InlineData("PT0S", false, 0, 0, 0, 0, 0)]
    [InlineData("PT1H30S", false, 0, 0, 1, 0, 30)]   // lenient: outside the grammar, common in the wild
    [InlineData("P1W2D", false, 1, 2, 0, 0, 0)]      // lenient
    public void Valid_durations_parse_into_their_parts(string text, bool negative, int w, int d, int h, int m, int s)
    {
        Assert.Equal(new IcalDuration(negative, w, d, h, m, s), IcalDuration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("1D")]
    [InlineData("P1H")]       // hours need the T
    [InlineData("PT1D")]      // days must come before the T
    [InlineData("PT5M1H")]    // wrong order
    [InlineData("P1D1D")]
    [InlineData("P-1D")]
    [InlineData("P99999999999D")]
    [InlineData("P9999999999W")]
    [InlineData("--P1D")]
    public void Invalid_durations_are_IcalFormatExceptions(string text)
    {
        Assert.Throws<IcalFormatException>(() => IcalDuration.Parse(text));
    }

    [Fact]
    public void Weeks_and_days_are_nominal_and_the_time_part_is_exact()
    {
        var duration = IcalDuration.Parse("-P1W2DT3H4M5S");
        Assert.Equal(-9, duration.NominalDays);
        Assert.Equal(-Duration.FromSeconds((3 * 3600) + (4 * 60) + 5), duration.ExactPart);
    }

    [Theory]
    [InlineData("PT0S", "PT0S")]
    [InlineData("P0D", "PT0S")]
    [InlineData("P2W", "P2W")]
    [InlineData("P1W1D", "P8D")]
    [InlineData("-P1DT2H", "-P1DT2H")]
    [InlineData("PT90M", "PT90M")]
    [InlineData("P15DT5H0M20S", "P15DT5H20S")]
    public void ToString_is_canonical_and_inside_the_grammar(string text, string expected)
    {
        var written = IcalDuration.Parse(text).ToString();
        Assert.Equal(expected, written);
        Assert.Equal(IcalDuration.Parse(text).NominalDays, IcalDuration.Parse(written).NominalDays);
        Assert.Equal(IcalDuration.Parse(text).ExactPart, IcalDuration.Parse(written).ExactPart);
    }
}
