using AuroraTime.Reminders.Planning;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Planning;

public partial class AlarmPlannerTests
{
    private const string DailyTemplate = """
        BEGIN:VEVENT
        UID:d
        DTSTAMP:20260101T000000Z
        DTSTART:20260601T080000Z
        DURATION:PT30M
        RRULE:FREQ=DAILY;COUNT=5
        {event}
        BEGIN:VALARM
        UID:alarm-1
        ACTION:DISPLAY
        TRIGGER:-PT5M
        {alarm}
        END:VALARM
        END:VEVENT
        """;

    private static string Daily(string eventLines = "", string alarmLines = "") =>
        DailyTemplate.Replace("{event}\n", eventLines.Length == 0 ? "" : eventLines + "\n", StringComparison.Ordinal)
            .Replace("{alarm}\n", alarmLines.Length == 0 ? "" : alarmLines + "\n", StringComparison.Ordinal);

    // RFC 9074 section 6: ACKNOWLEDGED "specifies the UTC date and time at which the corresponding
    // alarm was last sent or acknowledged" -- triggers at or before it are done.
    [Fact]
    public void ACKNOWLEDGED_skips_triggers_at_or_before_it()
    {
        var plan = Plan(Daily(alarmLines: "ACKNOWLEDGED:20260602T075500Z"), "2026-05-01T00:00:00Z");
        Assert.Equal(["2026-06-03T07:55:00Z"], Due(plan));
        Assert.Equal("d|20260603T080000Z|alarm-1", plan[0].AlarmKey);
    }

    [Fact]
    public void Thunderbird_LASTACK_skips_triggers_at_or_before_it()
    {
        Assert.Equal(["2026-06-04T07:55:00Z"], Due(Plan(Daily("X-MOZ-LASTACK:20260603T080100Z"), "2026-05-01T00:00:00Z")));
    }

    // Thunderbird names a snoozed series instance X-MOZ-SNOOZE-TIME-<recurrence id as PRTime>.
    [Fact]
    public void Thunderbird_snooze_of_an_instance_adds_one_firing()
    {
        // 2026-06-02T08:00:00Z = 1780387200 s.
        var plan = Plan(Daily("X-MOZ-LASTACK:20260602T075600Z\nX-MOZ-SNOOZE-TIME-1780387200000000:20260602T081000Z"), "2026-06-02T07:56:00Z");
        Assert.Equal(["2026-06-02T08:10:00Z", "2026-06-03T07:55:00Z"], Due(plan));
        Assert.Equal("d|20260602T080000Z|moz-snooze", plan[0].AlarmKey);
        Assert.Equal(Utc("2026-06-02T08:00:00Z"), plan[0].InstanceStart);
    }

    [Fact]
    public void A_snooze_already_acknowledged_is_not_planned()
    {
        var plan = Plan(Daily("X-MOZ-LASTACK:20260602T081500Z\nX-MOZ-SNOOZE-TIME-1780387200000000:20260602T081000Z"), "2026-06-02T07:56:00Z");
        Assert.Equal(["2026-06-03T07:55:00Z"], Due(plan));
    }

    // RFC 9074 section 5: a snoozed alarm is a new VALARM "with a RELATED-TO property ... RELTYPE
    // parameter value of SNOOZE" and an absolute trigger; the original gets ACKNOWLEDGED.
    [Fact]
    public void An_RFC_9074_snooze_alarm_fires_at_its_absolute_trigger()
    {
        var ev = """
            BEGIN:VEVENT
            UID:s
            DTSTAMP:20260101T000000Z
            DTSTART:20260601T080000Z
            BEGIN:VALARM
            UID:orig
            ACTION:DISPLAY
            TRIGGER:-PT15M
            ACKNOWLEDGED:20260601T074600Z
            END:VALARM
            BEGIN:VALARM
            UID:snooze
            RELATED-TO;RELTYPE=SNOOZE:orig
            ACTION:DISPLAY
            TRIGGER;VALUE=DATE-TIME:20260601T075500Z
            END:VALARM
            END:VEVENT
            """;
        var plan = Plan(ev, "2026-06-01T07:46:00Z");
        Assert.Equal(["2026-06-01T07:55:00Z"], Due(plan));
        Assert.Equal("s|20260601T080000Z|snooze", plan[0].AlarmKey);
    }

    // Choice: Apple's default alarm is the user's own default, honoured like an explicit one.
    [Fact]
    public void An_Apple_default_alarm_is_honoured()
    {
        Assert.Equal(["2026-06-01T07:55:00Z"], Due(Plan(Daily(alarmLines: "X-APPLE-DEFAULT-ALARM:TRUE"), "2026-05-01T00:00:00Z")));
    }

    // RFC 5545 3.6.6: EMAIL alarms go to their ATTENDEEs; DISPLAY/AUDIO email the owner when allowed.
    [Fact]
    public void Display_alarms_are_dropped_when_the_owner_opted_out()
    {
        Assert.Empty(Plan(Daily(), "2026-05-01T00:00:00Z", Owner(emailDisplay: false)));
        var plan = Plan(Daily(), "2026-05-01T00:00:00Z");
        Assert.True(plan[0].ToOwner);
        Assert.Equal(AlarmAction.Display, plan[0].Action);
    }

    [Theory]
    [InlineData("ACTION:NONE\nTRIGGER:-PT5M")]
    [InlineData("ACTION:X-PROPRIETARY\nTRIGGER:-PT5M")]
    [InlineData("ACTION:DISPLAY")]
    public void Alarms_that_ask_for_nothing_plan_nothing(string alarm)
    {
        Assert.Empty(Plan(WithAlarm(alarm), "2026-03-01T00:00:00Z"));
    }

    [Fact]
    public void Unreadable_input_plans_nothing()
    {
        Assert.Empty(AlarmPlanner.Plan("garbage"u8, Owner(), Utc("2026-01-01T00:00:00Z")));
        Assert.Empty(Plan(WithAlarm("ACTION:DISPLAY\nTRIGGER:-PXYZ"), "2026-03-01T00:00:00Z"));
    }

    [Fact]
    public void Thunderbird_snooze_of_a_single_event_adds_one_firing()
    {
        var ev = """
            BEGIN:VEVENT
            UID:one
            DTSTAMP:20260101T000000Z
            DTSTART:20260601T080000Z
            X-MOZ-LASTACK:20260601T074600Z
            X-MOZ-SNOOZE-TIME:20260601T075100Z
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER:-PT15M
            END:VALARM
            END:VEVENT
            """;
        var plan = Plan(ev, "2026-06-01T07:46:00Z");
        var snooze = Assert.Single(plan);
        Assert.Equal(Utc("2026-06-01T07:51:00Z"), snooze.DueAt);
        Assert.Equal("one|-|moz-snooze", snooze.AlarmKey);
    }

    [Fact]
    public void An_absolute_alarm_on_an_infinite_series_does_not_walk_the_series()
    {
        var ev = """
            BEGIN:VEVENT
            UID:abs
            DTSTAMP:20260101T000000Z
            DTSTART:20260101T080000Z
            RRULE:FREQ=MINUTELY;INTERVAL=15
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER;VALUE=DATE-TIME:20300101T000000Z
            END:VALARM
            END:VEVENT
            """;
        Assert.Equal(["2030-01-01T00:00:00Z"], Due(Plan(ev, "2026-06-01T00:00:00Z")));

        // Counted rather than timed (a timed bound fails on a loaded machine): in floating time each
        // instance looked at costs a look-up in the owner's zone. The planner looks at the two days of
        // quarter hours before the window (about 200); a walk would go on to its cap of 5,000 more.
        var zone = new CountingZone(Berlin);
        var floating = ev.Replace("DTSTART:20260101T080000Z", "DTSTART:20260101T080000", StringComparison.Ordinal);
        Assert.Equal(["2030-01-01T00:00:00Z"], Due(AlarmPlanner.Plan(Calendar(floating), new PlanningOwner("alice", null, true, zone), Utc("2026-06-01T00:00:00Z"))));
        Assert.InRange(zone.Lookups, 1, 1_500);
    }
}
