using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Tests.Occurrences;
using AuroraTime.Ical.Tests.Validation;
using AuroraTime.Ical.TimeRange;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.TimeRange;

/// <summary>RFC 4791 section 9.9 on whole components, including recurring instances.</summary>
public partial class TimeRangeEvaluationTests
{
    private static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    private static bool Overlaps(string body, string component, string? start, string? end, DateTimeZone? floating = null) =>
        TimeRangeEvaluation.Overlaps(TestCalendarText.Calendar(body), component,
            new TimeRangeWindow(start is null ? null : Utc(start), end is null ? null : Utc(end)),
            new OccurrenceClock(DateTimeZoneProviders.Tzdb.GetZoneOrNull, floating ?? DateTimeZone.Utc),
            DailyRuleDouble.Expand, 10_000);

    private static string Event(string lines) => "BEGIN:VEVENT\nUID:u\nDTSTAMP:20240101T000000Z\n" + lines.Trim() + "\nEND:VEVENT";

    [Theory]
    [InlineData("2024-01-05T09:30:00Z", "2024-01-05T09:45:00Z", true)]
    [InlineData("2024-01-05T10:00:00Z", "2024-01-05T11:00:00Z", false)]
    [InlineData(null, "2024-01-05T09:00:01Z", true)]
    public void A_single_event_is_tested_with_the_vevent_table(string? start, string? end, bool expected) =>
        Assert.Equal(expected, Overlaps(Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z"), "VEVENT", start, end));

    [Fact]
    public void A_recurring_event_matches_when_any_instance_does()
    {
        var body = Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY");
        Assert.True(Overlaps(body, "VEVENT", "2025-06-01T09:30:00Z", "2025-06-01T09:40:00Z"));
        Assert.False(Overlaps(body, "VEVENT", "2025-06-01T10:00:00Z", "2025-06-02T09:00:00Z"));
        Assert.False(Overlaps(body, "VEVENT", "2023-06-01T10:00:00Z", "2024-01-05T09:00:00Z"));
    }

    [Fact]
    public void An_excluded_instance_does_not_match()
    {
        var body = Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY\nEXDATE:20240107T090000Z");
        Assert.False(Overlaps(body, "VEVENT", "2024-01-07T00:00:00Z", "2024-01-08T00:00:00Z"));
    }

    [Fact]
    public void A_zero_length_event_via_dtend_uses_the_strict_first_row()
    {
        var body = Event("DTSTART:20240105T090000Z\nDTEND:20240105T090000Z");
        Assert.False(Overlaps(body, "VEVENT", "2024-01-05T09:00:00Z", "2024-01-05T10:00:00Z"));
        Assert.True(Overlaps(Event("DTSTART:20240105T090000Z\nDURATION:PT0S"), "VEVENT", "2024-01-05T09:00:00Z", "2024-01-05T10:00:00Z"));
    }

    [Fact]
    public void An_all_day_event_depends_on_the_floating_zone()
    {
        var body = Event("DTSTART;VALUE=DATE:20240105");
        Assert.True(Overlaps(body, "VEVENT", "2024-01-05T23:30:00Z", "2024-01-06T00:00:00Z"));
        Assert.False(Overlaps(body, "VEVENT", "2024-01-05T23:30:00Z", "2024-01-06T00:00:00Z", DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"]));
    }

    [Fact]
    public void Only_components_of_the_asked_type_are_tested()
    {
        Assert.False(Overlaps(Event("DTSTART:20240105T090000Z"), "VTODO", null, null));
    }

    // VTODO | N | N | N | N | N | TRUE
    [Fact]
    public void A_todo_without_times_matches_any_range() =>
        Assert.True(Overlaps("BEGIN:VTODO\nUID:t\nEND:VTODO", "VTODO", "2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z"));

    // VTODO | N | N | Y | * | * | (start < DUE) AND (end >= DUE)
    [Fact]
    public void A_todo_with_due_matches_a_range_ending_at_its_due()
    {
        var body = "BEGIN:VTODO\nUID:t\nDUE:20240105T090000Z\nEND:VTODO";
        Assert.True(Overlaps(body, "VTODO", "2024-01-05T08:00:00Z", "2024-01-05T09:00:00Z"));
        Assert.False(Overlaps(body, "VTODO", "2024-01-05T09:00:00Z", "2024-01-05T10:00:00Z"));
    }

    // VTODO | Y | Y | N | * | * | (start <= DTSTART+DURATION) AND ((end > DTSTART) OR (end >= DTSTART+DURATION))
    [Fact]
    public void A_recurring_todo_with_duration_matches_each_instance_end_inclusively()
    {
        var body = "BEGIN:VTODO\nUID:t\nDTSTART:20240105T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3\nEND:VTODO";
        Assert.True(Overlaps(body, "VTODO", "2024-01-07T10:00:00Z", "2024-01-07T11:00:00Z"));
        Assert.False(Overlaps(body, "VTODO", "2024-01-08T10:00:01Z", "2024-01-09T11:00:00Z"));
    }

    // VJOURNAL | Y | N | (start < DTSTART+P1D) AND (end > DTSTART)
    [Fact]
    public void An_all_day_journal_covers_its_day()
    {
        var body = "BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20240105\nEND:VJOURNAL";
        Assert.True(Overlaps(body, "VJOURNAL", "2024-01-05T23:00:00Z", "2024-01-06T01:00:00Z"));
        Assert.False(Overlaps(body, "VJOURNAL", "2024-01-06T00:00:00Z", "2024-01-06T01:00:00Z"));
        Assert.False(Overlaps("BEGIN:VJOURNAL\nUID:j\nEND:VJOURNAL", "VJOURNAL", null, null));
    }

    // VFREEBUSY | N | Y | ((start < freebusy-period-1-end) AND (end > freebusy-period-1-start)) OR ...
    [Fact]
    public void A_freebusy_matches_its_periods()
    {
        var body = "BEGIN:VFREEBUSY\nUID:f\nFREEBUSY:20240105T090000Z/PT1H,20240105T140000Z/20240105T150000Z\nEND:VFREEBUSY";
        Assert.True(Overlaps(body, "VFREEBUSY", "2024-01-05T14:30:00Z", "2024-01-05T14:40:00Z"));
        Assert.False(Overlaps(body, "VFREEBUSY", "2024-01-05T10:00:00Z", "2024-01-05T14:00:00Z"));
    }
}
