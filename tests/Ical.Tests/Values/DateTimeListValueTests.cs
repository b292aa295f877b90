using System.Collections.Immutable;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Tests.Values;

// RFC 5545 3.8.5.1 EXDATE and 3.8.5.2 RDATE
public class DateTimeListValueTests
{
    [Fact]
    public void A_zoned_exdate_list_applies_the_tzid_to_every_item()
    {
        var exdate = new CalendarProperty("EXDATE", "19960402T010000,19960403T010000")
            .WithParameter("TZID", "America/New_York");
        var values = DateTimeListValue.Parse(exdate);
        Assert.Equal(2, values.Count);
        Assert.All(values, v => Assert.Equal("America/New_York", v.TzId));
        Assert.Equal(new LocalDateTime(1996, 4, 3, 1, 0), values[1].Local);
    }

    [Fact]
    public void A_bare_eight_digit_exdate_is_a_date_even_without_VALUE_DATE()
    {
        // Evolution writes these on DATE-TIME events (radicale/item/__init__.py tolerates them too).
        var values = DateTimeListValue.Parse(new CalendarProperty("EXDATE", "20240105,20240112T090000Z"));
        Assert.True(values[0].IsDate);
        Assert.False(values[1].IsDate);
        Assert.Equal(IcalTimeKind.Utc, values[1].Kind);
    }

    [Fact]
    public void Rdate_periods_keep_their_end_or_duration()
    {
        var rdate = new CalendarProperty("RDATE", "19960403T020000Z/19960403T040000Z,19960404T010000Z/PT3H")
            .WithParameter("VALUE", "PERIOD");
        var periods = DateTimeListValue.ParsePeriods(rdate);
        Assert.NotNull(periods[0].End);
        Assert.Equal(new IcalDuration(false, 0, 0, 3, 0, 0), periods[1].Duration);
        Assert.Equal(new LocalDateTime(1996, 4, 4, 1, 0), DateTimeListValue.Parse(rdate)[1].Local);
    }

    [Fact]
    public void An_invalid_item_reports_the_property_line()
    {
        var property = new CalendarProperty("EXDATE", ImmutableArray<CalendarParameter>.Empty, "20240105,2024011", 42);
        Assert.Equal(42, Assert.Throws<IcalFormatException>(() => DateTimeListValue.Parse(property)).Line);
        var empty = new CalendarProperty("EXDATE", ImmutableArray<CalendarParameter>.Empty, " , ", 43);
        Assert.Equal(43, Assert.Throws<IcalFormatException>(() => DateTimeListValue.Parse(empty)).Line);
    }
}
