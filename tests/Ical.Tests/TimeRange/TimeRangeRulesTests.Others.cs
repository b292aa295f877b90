using AuroraTime.Ical.TimeRange;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeRange;

public partial class TimeRangeRulesTests
{
    // VJOURNAL
    // | Y | Y | (start <= DTSTART)     AND (end > DTSTART) |
    // | Y | N | (start <  DTSTART+P1D) AND (end > DTSTART) |
    // | N | * | FALSE                                      |
    [Theory]
    [InlineData(10, 11, true)]
    [InlineData(9, 10, false)]
    [InlineData(11, 12, false)]
    public void Journal_with_datetime_start_is_an_instant(int start, int end, bool expected) =>
        Assert.Equal(expected, TimeRangeRules.JournalOverlaps(Range(start, end), H(10), null));

    [Theory]
    [InlineData(23, 24, true)]
    [InlineData(24, 25, false)]
    [InlineData(-1, 0, false)]
    public void Journal_with_date_start_covers_its_day(int start, int end, bool expected) =>
        Assert.Equal(expected, TimeRangeRules.JournalOverlaps(Range(start, end), H(0), H(24)));

    [Fact]
    public void Journal_without_dtstart_never_matches() =>
        Assert.False(TimeRangeRules.JournalOverlaps(Range(null, null), null, null));

    // VFREEBUSY
    // | Y | * | (start <= DTEND) AND (end > DTSTART)                      |
    // | N | Y | ((start <  freebusy-period-1-end) AND                     |
    // |   |   |  (end   >  freebusy-period-1-start)) OR ...              |
    // | N | N | FALSE                                                     |
    [Theory]
    [InlineData(12, 13, true)]  // start <= DTEND: inclusive, unlike VEVENT
    [InlineData(13, 14, false)]
    [InlineData(9, 10, false)]
    public void Freebusy_with_dtstart_and_dtend_ignores_its_periods(int start, int end, bool expected) =>
        Assert.Equal(expected, TimeRangeRules.FreeBusyOverlaps(Range(start, end), H(10), H(12), [(H(0), H(100))]));

    [Theory]
    [InlineData(3, 4, true)]
    [InlineData(2, 3, false)]
    [InlineData(4, 7, false)]   // between the periods
    [InlineData(7, 8, true)]
    public void Freebusy_without_dtend_matches_any_of_its_periods(int start, int end, bool expected) =>
        Assert.Equal(expected, TimeRangeRules.FreeBusyOverlaps(Range(start, end), H(1), null, [(H(3), H(4)), (H(7), H(9))]));

    [Fact]
    public void Freebusy_without_dates_or_periods_never_matches() =>
        Assert.False(TimeRangeRules.FreeBusyOverlaps(Range(null, null), null, null, []));

    // VALARM
    // | Y | (start <= trigger-time) AND (end > trigger-time) for the trigger or any repetition |
    // | N | (start <= trigger-time) AND (end > trigger-time)                                   |
    [Theory]
    [InlineData(10, 11, true)]
    [InlineData(9, 10, false)]
    public void Alarm_without_repeat_matches_its_trigger_time(int start, int end, bool expected) =>
        Assert.Equal(expected, TimeRangeRules.AlarmOverlaps(Range(start, end), TimeRangeRules.AlarmTriggerTimes(H(10), 0, Duration.Zero)));

    [Theory]
    [InlineData(12, 13, true)]  // second repetition
    [InlineData(13, 14, false)] // after the last one
    [InlineData(11, 11, false)] // empty range
    public void Alarm_with_repeat_matches_any_repetition(int start, int end, bool expected) =>
        Assert.Equal(expected, TimeRangeRules.AlarmOverlaps(Range(start, end), TimeRangeRules.AlarmTriggerTimes(H(10), 2, Duration.FromHours(1))));

    [Fact]
    public void Alarm_trigger_times_are_the_trigger_and_each_repetition() =>
        Assert.Equal([H(10), H(10) + Duration.FromMinutes(5), H(10) + Duration.FromMinutes(10)],
            TimeRangeRules.AlarmTriggerTimes(H(10), 2, Duration.FromMinutes(5)));
}
