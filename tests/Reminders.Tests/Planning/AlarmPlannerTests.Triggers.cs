using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Planning;

public partial class AlarmPlannerTests
{
    private const string Event = """
        BEGIN:VEVENT
        UID:e1
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Berlin:20260310T100000
        DTEND;TZID=Europe/Berlin:20260310T113000
        SUMMARY:Standup
        LOCATION:Room 1
        {0}
        END:VEVENT
        """;

    private static string WithAlarm(string alarmLines) =>
        Event.Replace("{0}", "BEGIN:VALARM\n" + alarmLines.Trim() + "\nEND:VALARM", StringComparison.Ordinal);

    // RFC 5545 3.8.6.3: "the default value type is DURATION ... the alarm will trigger relative to the
    // start of the event (RELATED=START default) ... RELATED=END ... relative to the end of the event".
    // An absolute TRIGGER "MUST be specified as a UTC value". 3.8.6.2 REPEAT: "the number of additional
    // repetitions" separated by DURATION.
    [Theory]
    [InlineData("ACTION:DISPLAY\nTRIGGER:-PT15M", new[] { "2026-03-10T08:45:00Z" })]
    [InlineData("ACTION:DISPLAY\nTRIGGER;RELATED=START:PT0S", new[] { "2026-03-10T09:00:00Z" })]
    [InlineData("ACTION:DISPLAY\nTRIGGER;RELATED=END:-PT5M", new[] { "2026-03-10T10:25:00Z" })]
    [InlineData("ACTION:DISPLAY\nTRIGGER;VALUE=DATE-TIME:20260309T120000Z", new[] { "2026-03-09T12:00:00Z" })]
    [InlineData("ACTION:DISPLAY\nTRIGGER:-P1D", new[] { "2026-03-09T09:00:00Z" })]
    [InlineData("ACTION:AUDIO\nTRIGGER:-PT30M", new[] { "2026-03-10T08:30:00Z" })]
    public void A_single_event_plans_its_trigger(string alarm, string[] expected)
    {
        Assert.Equal(expected, Due(Plan(WithAlarm(alarm), "2026-03-01T00:00:00Z")));
    }

    [Fact]
    public void Repetitions_plan_only_the_next_pending_one()
    {
        var alarm = "ACTION:DISPLAY\nTRIGGER:-PT30M\nREPEAT:2\nDURATION:PT10M";
        Assert.Equal(["2026-03-10T08:30:00Z"], Due(Plan(WithAlarm(alarm), "2026-03-01T00:00:00Z")));
        Assert.Equal(["2026-03-10T08:40:00Z"], Due(Plan(WithAlarm(alarm), "2026-03-10T08:30:00Z")));
        Assert.Equal(["2026-03-10T08:50:00Z"], Due(Plan(WithAlarm(alarm), "2026-03-10T08:40:00Z")));
        Assert.Empty(Plan(WithAlarm(alarm), "2026-03-10T08:50:00Z"));
    }

    [Fact]
    public void A_trigger_at_or_before_the_planning_instant_is_not_planned()
    {
        Assert.Empty(Plan(WithAlarm("ACTION:DISPLAY\nTRIGGER:-PT15M"), "2026-03-10T08:45:00Z"));
    }

    // RFC 5545 3.3.6: "The duration of a week or a day depends on its position in the calendar. In the
    // case of discontinuities in the time scale, such as the change from standard time to daylight time
    // and back, the computation of the exact duration requires the subtraction or addition of the
    // change of duration of the discontinuity." A -P1D trigger before the Monday after the spring
    // change fires at the same wall time on Sunday, 23 hours earlier.
    [Fact]
    public void A_day_trigger_across_a_DST_change_keeps_the_wall_time()
    {
        var ev = """
            BEGIN:VEVENT
            UID:dst
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=Europe/Berlin:20260330T090000
            DURATION:PT1H
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER:-P2D
            END:VALARM
            END:VEVENT
            """;
        // 2026-03-29 is the change; Saturday 28 09:00 CET = 08:00Z.
        Assert.Equal(["2026-03-28T08:00:00Z"], Due(Plan(ev, "2026-03-01T00:00:00Z")));
    }

    // RFC 5545 3.3.5: floating times are "the same hour, minute, and second value regardless of
    // which time zone is currently being observed"; the owner's zone is where they happen.
    [Theory]
    [InlineData("Europe/Berlin", "2026-07-01T07:50:00Z")]
    [InlineData("America/New_York", "2026-07-01T13:50:00Z")]
    [InlineData(null, "2026-07-01T09:50:00Z")]
    public void Floating_times_are_read_in_the_owners_zone(string? zone, string expected)
    {
        var ev = """
            BEGIN:VEVENT
            UID:f
            DTSTAMP:20260101T000000Z
            DTSTART:20260701T100000
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER:-PT10M
            END:VALARM
            END:VEVENT
            """;
        Assert.Equal([expected], Due(Plan(ev, "2026-06-01T00:00:00Z", Owner(zone))));
    }

    // RFC 5545 3.3.5: a local time in a gap is shifted forward (engine resolution, LocalTimeResolution).
    [Fact]
    public void A_start_in_the_spring_gap_is_shifted_forward()
    {
        var ev = """
            BEGIN:VEVENT
            UID:gap
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=Europe/Berlin:20260329T023000
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER:PT0S
            END:VALARM
            END:VEVENT
            """;
        // 02:30 does not exist; read with the offset before the gap (+01) = 01:30Z = 03:30 CEST.
        Assert.Equal(["2026-03-29T01:30:00Z"], Due(Plan(ev, "2026-03-01T00:00:00Z")));
    }

    [Fact]
    public void An_all_day_event_alarm_uses_the_owners_midnight()
    {
        var ev = """
            BEGIN:VEVENT
            UID:day
            DTSTAMP:20260101T000000Z
            DTSTART;VALUE=DATE:20260501
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER:-PT15H
            END:VALARM
            END:VEVENT
            """;
        var plan = Plan(ev, "2026-04-01T00:00:00Z");
        Assert.Equal(["2026-04-30T07:00:00Z"], Due(plan));
        Assert.True(plan[0].IsAllDay);
    }
}
