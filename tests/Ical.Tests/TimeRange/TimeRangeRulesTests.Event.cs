using AuroraTime.Ical.TimeRange;

namespace AuroraTime.Ical.Tests.TimeRange;

public partial class TimeRangeRulesTests
{
    // | Y | N | N | * | (start <  DTEND AND end > DTSTART)            |
    [Theory]
    [InlineData(10, 11, true)]  // the same span
    [InlineData(0, 11, true)]   // range covers the start
    [InlineData(11, 12, false)] // range starts at DTEND: exclusive
    [InlineData(8, 10, false)]  // range ends at DTSTART: exclusive
    [InlineData(null, null, true)]
    public void Event_with_dtend_overlaps_when_start_is_before_dtend_and_end_after_dtstart(int? start, int? end, bool expected)
    {
        Assert.Equal(expected, TimeRangeRules.EventOverlaps(Range(start, end), H(10), EventEndKind.DtEnd, H(11)));
    }

    [Fact]
    public void Event_with_dtend_equal_to_dtstart_follows_the_first_row_literally()
    {
        // The DTEND row has a strict "start < DTEND", unlike the zero-DURATION row: a range that
        // starts exactly at the instant does not match. Kept as the RFC says (sabre/dav does the same).
        Assert.False(TimeRangeRules.EventOverlaps(Range(10, 12), H(10), EventEndKind.DtEnd, H(10)));
        Assert.True(TimeRangeRules.EventOverlaps(Range(9, 12), H(10), EventEndKind.DtEnd, H(10)));
    }

    // | N | Y | Y | * | (start <  DTSTART+DURATION AND end > DTSTART) |
    [Theory]
    [InlineData(10, 11, true)]
    [InlineData(12, 13, false)]
    [InlineData(11, 12, true)]
    [InlineData(9, 10, false)]
    public void Event_with_positive_duration_overlaps_its_span(int start, int end, bool expected)
    {
        Assert.Equal(expected, TimeRangeRules.EventOverlaps(Range(start, end), H(10), EventEndKind.Duration, H(12)));
    }

    // |   |   | N | * | (start <= DTSTART AND end >  DTSTART)         |
    [Theory]
    [InlineData(10, 11, true)]  // start <= DTSTART: inclusive
    [InlineData(9, 10, false)]  // end > DTSTART: exclusive
    [InlineData(11, 12, false)]
    public void Event_with_zero_duration_matches_a_range_containing_its_start(int start, int end, bool expected)
    {
        Assert.Equal(expected, TimeRangeRules.EventOverlaps(Range(start, end), H(10), EventEndKind.Duration, H(10)));
    }

    // | N | N | N | Y | (start <= DTSTART AND end >  DTSTART)         |
    [Theory]
    [InlineData(10, 11, true)]
    [InlineData(9, 10, false)]
    public void Event_with_datetime_start_and_no_end_is_an_instant(int start, int end, bool expected)
    {
        Assert.Equal(expected, TimeRangeRules.EventOverlaps(Range(start, end), H(10), EventEndKind.None, H(10)));
    }

    // | N | N | N | N | (start <  DTSTART+P1D AND end > DTSTART)      |
    [Theory]
    [InlineData(23, 25, true)]
    [InlineData(24, 25, false)]
    [InlineData(-1, 0, false)]
    [InlineData(-1, 1, true)]
    public void Event_with_date_start_and_no_end_lasts_one_day(int start, int end, bool expected)
    {
        Assert.Equal(expected, TimeRangeRules.EventOverlaps(Range(start, end), H(0), EventEndKind.None, H(24)));
    }
}
