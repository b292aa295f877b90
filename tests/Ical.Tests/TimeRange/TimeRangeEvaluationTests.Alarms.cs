namespace AuroraTime.Ical.Tests.TimeRange;

// RFC 4791 section 9.9 VALARM:
// | Y | (start <= trigger-time) AND (end > trigger-time) for the trigger or any repetition |
// | N | (start <= trigger-time) AND (end > trigger-time)                                   |
// RFC 5545 section 3.8.6.3: a relative TRIGGER is measured from the start, or with RELATED=END
// from the end, of each instance.
public partial class TimeRangeEvaluationTests
{
    private static string EventWithAlarm(string alarm, string extra = "") => Event(
        "DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\n" + extra + "BEGIN:VALARM\nACTION:DISPLAY\n" + alarm + "\nEND:VALARM");

    [Fact]
    public void A_relative_alarm_fires_before_the_start()
    {
        var body = EventWithAlarm("TRIGGER:-PT15M");
        Assert.True(Overlaps(body, "VALARM", "2024-01-05T08:45:00Z", "2024-01-05T08:46:00Z"));
        Assert.False(Overlaps(body, "VALARM", "2024-01-05T08:46:00Z", "2024-01-05T10:00:00Z"));
    }

    [Fact]
    public void A_related_end_alarm_fires_relative_to_the_end()
    {
        var body = EventWithAlarm("TRIGGER;RELATED=END:PT5M");
        Assert.True(Overlaps(body, "VALARM", "2024-01-05T10:05:00Z", "2024-01-05T10:06:00Z"));
    }

    [Fact]
    public void An_absolute_alarm_fires_at_its_time()
    {
        var body = EventWithAlarm("TRIGGER;VALUE=DATE-TIME:20231231T120000Z");
        Assert.True(Overlaps(body, "VALARM", "2023-12-31T12:00:00Z", "2023-12-31T12:00:01Z"));
        Assert.False(Overlaps(body, "VALARM", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z"));
    }

    [Fact]
    public void A_repeating_alarm_matches_its_repetitions()
    {
        var body = EventWithAlarm("TRIGGER:-PT30M\nREPEAT:2\nDURATION:PT10M");
        Assert.True(Overlaps(body, "VALARM", "2024-01-05T08:50:00Z", "2024-01-05T08:51:00Z"));
        Assert.False(Overlaps(body, "VALARM", "2024-01-05T08:51:00Z", "2024-01-05T09:00:00Z"));
    }

    [Fact]
    public void Alarms_of_later_instances_of_a_series_match()
    {
        var body = EventWithAlarm("TRIGGER:-P1D", "RRULE:FREQ=DAILY\n");
        Assert.True(Overlaps(body, "VALARM", "2024-03-01T09:00:00Z", "2024-03-01T09:00:01Z"));
        Assert.False(Overlaps(body, "VALARM", "2024-03-01T09:00:01Z", "2024-03-02T09:00:00Z"));
    }
}
