using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Tests.Occurrences;
using AuroraTime.Ical.Tests.Validation;
using AuroraTime.Ical.TimeRange;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.TimeRange;

public class OccurrenceBoundsTests
{
    private static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    private static (Instant First, Instant? Last) Bounds(string body) =>
        OccurrenceBoundsCalculator.Compute(TestCalendarText.Calendar(body),
            new OccurrenceClock(DateTimeZoneProviders.Tzdb.GetZoneOrNull, DateTimeZone.Utc), DailyRuleDouble.Expand, 1000);

    private static string Event(string lines) => "BEGIN:VEVENT\nUID:u\nDTSTAMP:20240101T000000Z\n" + lines.Trim() + "\nEND:VEVENT";

    [Fact]
    public void A_single_utc_event_is_bounded_by_its_start_and_end()
    {
        Assert.Equal((Utc("2024-01-05T09:00:00Z"), Utc("2024-01-05T10:00:00Z")), Bounds(Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z")));
    }

    [Fact]
    public void A_counted_series_ends_at_its_last_instance_and_an_endless_one_is_unbounded()
    {
        Assert.Equal(Utc("2024-01-07T10:00:00Z"), Bounds(Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY;COUNT=3")).Last);
        Assert.Null(Bounds(Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY")).Last);
    }

    [Fact]
    public void A_floating_event_is_widened_by_fourteen_hours_each_way()
    {
        var (first, last) = Bounds(Event("DTSTART;VALUE=DATE:20240105"));
        Assert.Equal(Utc("2024-01-04T10:00:00Z"), first);
        Assert.Equal(Utc("2024-01-06T14:00:00Z"), last);
    }

    [Fact]
    public void An_override_moved_outside_the_series_extends_the_bounds()
    {
        var body = Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY;COUNT=3")
            + "\n" + Event("RECURRENCE-ID:20240106T090000Z\nDTSTART:20231201T090000Z\nDTEND:20231201T100000Z");
        Assert.Equal(Utc("2023-12-01T09:00:00Z"), Bounds(body).First);
    }

    [Fact]
    public void Alarm_triggers_before_the_start_extend_the_bounds()
    {
        var body = Event("DTSTART:20240105T090000Z\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-P2D\nEND:VALARM");
        Assert.Equal(Utc("2024-01-03T09:00:00Z"), Bounds(body).First);
    }

    [Fact]
    public void A_todo_without_any_time_is_unbounded_both_ways()
    {
        Assert.Equal((Instant.MinValue, (Instant?)null), Bounds("BEGIN:VTODO\nUID:t\nEND:VTODO"));
    }

    [Fact]
    public void A_todo_with_only_created_is_unbounded_after_it()
    {
        Assert.Equal((Utc("2024-01-01T00:00:00Z"), (Instant?)null), Bounds("BEGIN:VTODO\nUID:t\nCREATED:20240101T000000Z\nEND:VTODO"));
    }

    [Fact]
    public void A_freebusy_is_bounded_by_its_periods()
    {
        var bounds = Bounds("BEGIN:VFREEBUSY\nUID:f\nFREEBUSY:20240105T090000Z/PT1H,20240107T140000Z/20240107T150000Z\nEND:VFREEBUSY");
        Assert.Equal((Utc("2024-01-05T09:00:00Z"), (Instant?)Utc("2024-01-07T15:00:00Z")), bounds);
    }
}
