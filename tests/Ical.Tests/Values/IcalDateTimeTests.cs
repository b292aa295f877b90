using System.Collections.Immutable;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Tests.Values;

// RFC 5545 3.3.4 DATE and 3.3.5 DATE-TIME (forms #1 floating, #2 UTC, #3 with TZID).
public class IcalDateTimeTests
{
    [Fact]
    public void A_floating_date_time_keeps_its_local_time_and_no_zone()
    {
        var value = IcalDateTime.Parse("19980118T230000");
        Assert.Equal(new LocalDateTime(1998, 1, 18, 23, 0, 0), value.Local);
        Assert.Equal(IcalTimeKind.Floating, value.Kind);
        Assert.Null(value.TzId);
        Assert.False(value.IsDate);
    }

    [Fact]
    public void A_trailing_Z_makes_the_value_utc_and_ignores_a_tzid()
    {
        var value = IcalDateTime.Parse("19980119T070000Z", "Europe/Berlin");
        Assert.Equal(IcalTimeKind.Utc, value.Kind);
        Assert.Null(value.TzId);
        Assert.Equal("19980119T070000Z", value.ToValueString());
    }

    [Fact]
    public void A_tzid_makes_the_value_zoned_and_loses_trailing_spaces()
    {
        var value = IcalDateTime.Parse("19980119T020000", "America/New_York  ");
        Assert.Equal(IcalTimeKind.Zoned, value.Kind);
        Assert.Equal("America/New_York", value.TzId);
    }

    [Fact]
    public void Eight_digits_are_a_date_at_midnight_that_is_floating()
    {
        var value = IcalDateTime.Parse("19970714", "Europe/Berlin");
        Assert.True(value.IsDate);
        Assert.Equal(IcalTimeKind.Floating, value.Kind);
        Assert.Null(value.TzId);
        Assert.Equal(new LocalDateTime(1997, 7, 14, 0, 0), value.Local);
        Assert.Equal("19970714", value.ToValueString());
    }

    [Fact]
    public void A_leap_second_is_accepted_as_the_59th_second()
    {
        Assert.Equal(59, IcalDateTime.Parse("19971231T235960Z").Local.Second);
    }

    [Theory]
    [InlineData("20240101T090000", true)]   // VALUE=DATE but a time is given
    [InlineData("20240101", false)]         // VALUE=DATE-TIME but only a date
    [InlineData("20240230", null)]          // no 30 February
    [InlineData("20241301T000000", null)]
    [InlineData("20240101T240000", null)]
    [InlineData("20240101T126000", null)]
    [InlineData("20240101 090000", null)]
    [InlineData("20240101T090000X", null)]
    [InlineData("2024-01-01", null)]
    [InlineData("", null)]
    [InlineData("00000101", null)]
    [InlineData("２０２４０１０１", null)]   // full-width digits are not DIGIT
    public void Invalid_text_is_an_IcalFormatException(string text, bool? valueIsDate)
    {
        var error = Assert.Throws<IcalFormatException>(() => IcalDateTime.Parse(text, null, valueIsDate));
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void FromProperty_honours_VALUE_DATE_and_TZID()
    {
        var date = new CalendarProperty("DTSTART", "20240301").WithParameter("VALUE", "DATE");
        Assert.True(IcalDateTime.FromProperty(date).IsDate);

        var zoned = new CalendarProperty("DTSTART", "20240301T100000").WithParameter("TZID", "Europe/Paris");
        Assert.Equal(IcalDateTime.FromLocal(new LocalDateTime(2024, 3, 1, 10, 0), "Europe/Paris"), IcalDateTime.FromProperty(zoned));
    }

    [Fact]
    public void FromProperty_reports_the_line_of_the_property()
    {
        var property = new CalendarProperty("DTSTART", ImmutableArray<CalendarParameter>.Empty, "2024030", 17);
        var error = Assert.Throws<IcalFormatException>(() => IcalDateTime.FromProperty(property));
        Assert.Equal(17, error.Line);
        Assert.Contains("DTSTART", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20240101")]
    [InlineData("20240101T090000")]
    [InlineData("20240101T090000Z")]
    [InlineData("00010101T000000")]
    [InlineData("99991231T235959Z")]
    public void ToValueString_writes_back_what_was_parsed(string text)
    {
        Assert.Equal(text, IcalDateTime.Parse(text).ToValueString());
    }
}
