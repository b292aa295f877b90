using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Tests.Values;

// RFC 5545 3.3.9 PERIOD: period-explicit / period-start
public class IcalPeriodTests
{
    [Fact]
    public void An_explicit_period_has_a_start_and_an_end()
    {
        var period = IcalPeriod.Parse("19970101T180000Z/19970102T070000Z");
        Assert.Equal(IcalDateTime.FromUtc(new LocalDateTime(1997, 1, 1, 18, 0)), period.Start);
        Assert.Equal(IcalDateTime.FromUtc(new LocalDateTime(1997, 1, 2, 7, 0)), period.End);
        Assert.Null(period.Duration);
    }

    [Fact]
    public void A_start_period_has_a_start_and_a_duration_and_takes_the_tzid()
    {
        var period = IcalPeriod.Parse("19970101T180000/PT5H30M", "Europe/Berlin");
        Assert.Equal("Europe/Berlin", period.Start.TzId);
        Assert.Equal(new IcalDuration(false, 0, 0, 5, 30, 0), period.Duration);
        Assert.Equal("19970101T180000/PT5H30M", period.ToString());
    }

    [Theory]
    [InlineData("19970101T180000Z")]
    [InlineData("19970101T180000Z/")]
    [InlineData("/PT1H")]
    [InlineData("19970101/19970102")]          // DATE is not allowed in a period
    [InlineData("19970101T180000Z/-PT1H")]     // RFC: the duration must be positive
    [InlineData("19970101T180000Z/garbage")]
    public void Invalid_periods_are_IcalFormatExceptions(string text)
    {
        Assert.Throws<IcalFormatException>(() => IcalPeriod.Parse(text));
    }
}
