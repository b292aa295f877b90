using AuroraTime.Reminders.Planning;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Planning;

public partial class AlarmPlannerTests
{
    private const string WeeklyWithOverride = """
        BEGIN:VEVENT
        UID:w
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Berlin:20260105T090000
        DURATION:PT1H
        RRULE:FREQ=WEEKLY
        EXDATE;TZID=Europe/Berlin:20260112T090000
        SUMMARY:Weekly
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT10M
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:w
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID;TZID=Europe/Berlin:20260119T090000
        DTSTART;TZID=Europe/Berlin:20260119T140000
        DURATION:PT1H
        SUMMARY:Weekly (moved)
        BEGIN:VALARM
        ACTION:EMAIL
        TRIGGER:-PT1H
        ATTENDEE:mailto:bob@example.com
        SUMMARY:x
        DESCRIPTION:y
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:w
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID;TZID=Europe/Berlin:20260126T090000
        DTSTART;TZID=Europe/Berlin:20260126T090000
        DURATION:PT1H
        SUMMARY:No alarm this week
        END:VEVENT
        """;

    [Fact]
    public void A_series_plans_only_its_next_instance()
    {
        // The master's alarm plans its first instance only; the override's own alarm is another
        // alarm (of the 19th) and is planned on its own.
        var plan = Plan(WeeklyWithOverride, "2026-01-01T00:00:00Z");
        Assert.Equal(["2026-01-05T07:50:00Z", "2026-01-19T12:00:00Z"], Due(plan));
        Assert.Equal(["w|20260105T090000|#0", "w|20260119T090000|#0"], plan.Select(p => p.AlarmKey));
    }

    // RFC 5545 3.8.5.1: EXDATE "defines the list of DATE-TIME exceptions for recurring events".
    [Fact]
    public void An_excluded_instance_is_skipped()
    {
        var plan = Plan(WeeklyWithOverride, "2026-01-05T07:50:00Z");
        Assert.Equal("2026-01-19T12:00:00Z", Due(plan)[0]);
    }

    // RFC 5545 3.8.4.4: the override "is used in conjunction with the UID and SEQUENCE properties to
    // identify a specific instance"; its own VALARMs replace the master's for that instance.
    [Fact]
    public void An_override_uses_its_own_alarms_and_time()
    {
        var plan = Plan(WeeklyWithOverride, "2026-01-06T00:00:00Z");
        var moved = Assert.Single(plan, p => p.Action == Reminders.Planning.AlarmAction.Email);
        Assert.Equal(Utc("2026-01-19T12:00:00Z"), moved.DueAt);
        Assert.Equal(["bob@example.com"], moved.Recipients);
        Assert.False(moved.ToOwner);
        Assert.Equal("Weekly (moved)", moved.Summary);
    }

    [Fact]
    public void An_override_without_alarms_silences_its_instance()
    {
        var plan = Plan(WeeklyWithOverride, "2026-01-19T12:00:00Z");
        Assert.Equal(["2026-02-02T07:50:00Z"], Due(plan));
    }

    private const string FloatingWeekly = """
        BEGIN:VEVENT
        UID:f
        DTSTAMP:20260101T000000Z
        DTSTART:20260105T090000
        DURATION:PT1H
        RRULE:FREQ=WEEKLY
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT10M
        END:VALARM
        END:VEVENT
        """;

    [Fact]
    public void An_infinite_series_far_in_the_future_still_plans_quickly()
    {
        var plan = Plan(WeeklyWithOverride, "2036-06-01T00:00:00Z");
        Assert.Single(plan);
        Assert.True(DayOfWeekMonday(plan[0].InstanceStart));

        // Quickly, counted rather than timed (a timed bound fails on a loaded machine): the planner
        // starts near 2036 instead of walking ten years of Mondays. Floating times are read in the
        // owner's zone, a look-up per instance looked at; a walk from 2026 would make over 540.
        var zone = new CountingZone(Berlin);
        var floating = AlarmPlanner.Plan(Calendar(FloatingWeekly), new PlanningOwner("alice", null, true, zone), Utc("2036-06-01T00:00:00Z"));
        Assert.Equal([Utc("2036-06-02T06:50:00Z")], floating.Select(p => p.DueAt)); // Monday 09:00 CEST, less 10 minutes
        Assert.InRange(zone.Lookups, 1, 50);
    }

    private static bool DayOfWeekMonday(NodaTime.Instant instant) =>
        instant.InZone(Berlin).DayOfWeek == NodaTime.IsoDayOfWeek.Monday;
}
