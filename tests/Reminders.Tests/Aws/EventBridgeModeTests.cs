using System.Text;
using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Reminders.Tests.Scheduling;
using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// The AWS scheduling mode end to end on a real store and the real dispatcher: writes create and
/// delete exactly the changed schedules, a fired schedule sends once and schedules the series' next
/// instance, and forged, stale, duplicated or raced events send nothing more.
/// </summary>
public sealed class EventBridgeModeTests
{
    private static readonly Instant Start = Utc("2026-04-01T00:00:00Z");

    private static string Meeting(string secondTrigger) => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:meeting
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Berlin:20260501T090000
        DURATION:PT1H
        SUMMARY:Planning
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT15M
        END:VALARM
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:{secondTrigger}
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """;

    private const string Weekly = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Berlin:20260406T090000
        DURATION:PT1H
        RRULE:FREQ=WEEKLY;COUNT=3
        SUMMARY:Weekly sync
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public async Task A_write_creates_one_schedule_per_firing_and_an_edit_replaces_only_the_changed_one()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);

        await EventBridgeFixture.WriteAsync(server, "meeting.ics", Meeting("-PT1H"));

        // 09:00 Berlin summer time is 07:00Z: alarms at 06:45Z and 06:00Z, one-time at() in UTC.
        Assert.Equal(2, fixture.Scheduler.Calls.Count);
        Assert.All(fixture.Scheduler.Calls, c => Assert.StartsWith("create aurora-", c, StringComparison.Ordinal));
        var expressions = fixture.Scheduler.Schedules.Values.Select(s => s.Expression).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["at(2026-05-01T06:00:00)", "at(2026-05-01T06:45:00)"], expressions);
        foreach (var schedule in fixture.Scheduler.Schedules.Values)
        {
            var received = SchedulerEvent.TryRead(Encoding.UTF8.GetBytes(schedule.Input), EventBridgeFixture.Secret);
            Assert.NotNull(received);
            Assert.Equal(schedule.Name, ScheduleNames.For(received.Due));
            Assert.Equal(SchedulerFixture.Calendar.Object("meeting.ics"), received.Due.Resource);
            Assert.True(schedule.Name.Length <= 64);
            Assert.Matches("^[0-9a-zA-Z_.-]+$", schedule.Name);
        }
        var quarterBefore = fixture.Scheduler.Schedules.Values.Single(s => s.Expression == "at(2026-05-01T06:45:00)").Name;
        var hourBefore = fixture.Scheduler.Schedules.Values.Single(s => s.Expression == "at(2026-05-01T06:00:00)").Name;

        // A rewrite that keeps the alarm times (a new title): the firings the store cleared are the
        // firings planned again, so Scheduler is not called at all.
        fixture.Scheduler.Calls.Clear();
        await EventBridgeFixture.WriteAsync(server, "meeting.ics", Meeting("-PT1H").Replace("SUMMARY:Planning", "SUMMARY:Planning v2", StringComparison.Ordinal));
        Assert.Empty(fixture.Scheduler.Calls);

        // One alarm moved: exactly its schedule is deleted and one for the new time created.
        await EventBridgeFixture.WriteAsync(server, "meeting.ics", Meeting("-PT2H"));
        var twoHoursBefore = fixture.Scheduler.Schedules.Values.Single(s => s.Expression == "at(2026-05-01T05:00:00)").Name;
        Assert.Equal(["delete " + hourBefore, "create " + twoHoursBefore], fixture.Scheduler.Calls);
        Assert.Equal(new[] { quarterBefore, twoHoursBefore }.Order(StringComparer.Ordinal), fixture.Scheduler.Schedules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([DispatchOutcome.Sent], await fixture.FireAsync(twoHoursBefore, server));
        Assert.Equal([DispatchOutcome.Sent], await fixture.FireAsync(quarterBefore, server));
        Assert.Equal(2, fixture.Sender.Sent.Count);
        Assert.Empty(fixture.Scheduler.Schedules);
    }

    [Fact]
    public async Task A_create_that_fails_on_the_write_path_is_made_by_the_repair_sweep_and_the_reminder_is_sent_once()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        fixture.Scheduler.FailNext = 1;

        // The write is committed; the reconciler's Scheduler call fails (500) and the error goes to the
        // change notifier's log. The plan is stored all the same, so the sweep can see the firing.
        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => EventBridgeFixture.WriteAsync(server, "weekly.ics", Weekly));
        Assert.Equal("InternalServerException", failure.ErrorType);
        Assert.Empty(fixture.Scheduler.Schedules);
        var firing = Assert.Single(await server.Node.Store.GetPendingRemindersAsync(SchedulerFixture.Calendar.Object("weekly.ics")));
        Assert.Equal(Utc("2026-04-06T06:45:00Z"), firing.DueAt);
        var sweep = fixture.RepairSweep(server);

        // Not yet within the sweep's horizon: nothing to do. Then within it: the schedule is created.
        Assert.Equal(new ScheduleRepairResult(0, 0), await sweep.SweepAsync(CancellationToken.None));
        fixture.Clock.AdvanceTo((firing.DueAt - ScheduleRepairSweep.Horizon + Duration.FromMinutes(1)).ToDateTimeOffset());
        Assert.Equal(new ScheduleRepairResult(1, 1), await sweep.SweepAsync(CancellationToken.None));
        var name = Assert.Single(fixture.Scheduler.Schedules.Keys);
        Assert.Equal("at(2026-04-06T06:45:00)", fixture.Scheduler.Schedules[name].Expression);
        // Idempotent: the next run finds it (409) and creates nothing.
        Assert.Equal(new ScheduleRepairResult(1, 0), await sweep.SweepAsync(CancellationToken.None));
        Assert.Single(fixture.Scheduler.Schedules);

        Assert.Equal([DispatchOutcome.Sent], await fixture.FireAsync(name, server));
        Assert.Equal([Utc("2026-04-06T06:45:00Z")], fixture.Sender.Sent.Select(s => s.At).ToList());
        // The series rolled on: next week's firing is scheduled, and a sweep now finds nothing missing.
        Assert.Equal("at(2026-04-13T06:45:00)", Assert.Single(fixture.Scheduler.Schedules.Values).Expression);
        Assert.Equal(0, (await sweep.SweepAsync(CancellationToken.None)).Created);
        Assert.Single(fixture.Sender.Sent);
    }

    [Fact]
    public async Task Changes_that_keep_the_stored_plan_delete_and_create_exactly_the_difference()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        var resource = await SchedulerFixture.PutAsync(server.Node, "meeting.ics", Meeting("-PT1H"));
        fixture.Scheduler.Calls.Clear();

        // Re-planning the stored version (what the dispatcher's roll-forward and a stale firing do) changes nothing.
        await server.Node.Reconciler.ReplanAsync(resource, CancellationToken.None);
        Assert.Empty(fixture.Scheduler.Calls);

        // The first firing fires: its schedule deletes itself, the other one is untouched, nothing new is created.
        var first = fixture.Scheduler.Schedules.Values.Single(s => s.Expression == "at(2026-05-01T06:00:00)").Name;
        Assert.Equal([DispatchOutcome.Sent], await fixture.FireAsync(first, server));
        Assert.Empty(fixture.Scheduler.Calls);
        Assert.Equal("at(2026-05-01T06:45:00)", Assert.Single(fixture.Scheduler.Schedules.Values).Expression);
    }

    [Fact]
    public async Task A_fired_schedule_sends_once_and_schedules_the_next_instance_of_the_series()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        await SchedulerFixture.PutAsync(server.Node, "weekly.ics", Weekly);

        var fired = new List<Instant>();
        while (fixture.Scheduler.Schedules.Keys.FirstOrDefault() is { } name)
        {
            Assert.Single(fixture.Scheduler.Schedules); // only the next instance is ever scheduled
            fixture.Scheduler.Calls.Clear();
            Assert.Equal([DispatchOutcome.Sent], await fixture.FireAsync(name, server));
            fired.Add(Instant.FromDateTimeOffset(fixture.Clock.GetUtcNow()));
            // Rolling forward: one create for the next instance (none after the last), no delete (the fired one deleted itself).
            Assert.Equal(fixture.Scheduler.Schedules.Keys.Select(k => "create " + k), fixture.Scheduler.Calls);
        }

        Assert.Equal([Utc("2026-04-06T06:45:00Z"), Utc("2026-04-13T06:45:00Z"), Utc("2026-04-20T06:45:00Z")], fired);
        Assert.Equal(fired, fixture.Sender.Sent.Select(s => s.At).ToList());
    }

    [Fact]
    public async Task Two_instances_racing_the_same_event_and_a_retry_of_it_send_one_email()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var first = await fixture.StartInstanceAsync(createAccount: true);
        var second = await fixture.StartInstanceAsync();
        await SchedulerFixture.PutAsync(first.Node, "weekly.ics", Weekly);
        var name = Assert.Single(fixture.Scheduler.Schedules.Keys);
        var input = Encoding.UTF8.GetBytes(fixture.Scheduler.Schedules[name].Input);

        var outcomes = await fixture.FireAsync(name, first, second, first, second);
        var retry = await first.Events.HandleAsync(input, CancellationToken.None);

        Assert.Single(outcomes, o => o == DispatchOutcome.Sent);
        Assert.All(outcomes.Where(o => o != DispatchOutcome.Sent), o => Assert.Equal(DispatchOutcome.AlreadyClaimed, o));
        Assert.Equal(DispatchOutcome.AlreadyClaimed, retry.Outcome);
        Assert.Single(fixture.Sender.Sent);
        // The series still moved on by exactly one instance, whoever won.
        Assert.Equal("at(2026-04-13T06:45:00)", Assert.Single(fixture.Scheduler.Schedules.Values, s => !IsWakeUp(s.Name)).Expression);
        // A loser that looked while the winner was still sending saw an unsent delivery and asked for a
        // wake-up at the end of the winner's lease; it finds the delivery done and sends nothing.
        foreach (var wakeUp in fixture.Scheduler.Schedules.Keys.Where(IsWakeUp).ToList())
        {
            await fixture.FireAsync(wakeUp, first);
        }
        Assert.Single(fixture.Sender.Sent);
    }

    private static bool IsWakeUp(string scheduleName) => scheduleName.StartsWith("aurora-retry-", StringComparison.Ordinal);

    [Fact]
    public async Task A_Scheduler_failure_while_rolling_forward_is_repaired_by_the_retried_event()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        await SchedulerFixture.PutAsync(server.Node, "weekly.ics", Weekly);
        var name = Assert.Single(fixture.Scheduler.Schedules.Keys);
        var input = Encoding.UTF8.GetBytes(fixture.Scheduler.Schedules[name].Input);
        fixture.Scheduler.ThrottleNext = 1;

        // The firing is claimed, then creating next week's schedule is throttled: the event fails
        // before the send (the dispatcher rolls forward first), and Lambda retries it.
        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => fixture.FireAsync(name, server));
        Assert.Equal("ThrottlingException", failure.ErrorType);
        Assert.Empty(fixture.Scheduler.Schedules);

        var retry = await server.Events.HandleAsync(input, CancellationToken.None);

        // The retry finds the claim, rolls the series on and, since the claimed delivery is still
        // unsent (its attempt lease runs 5 minutes), asks for a wake-up when the lease is over.
        Assert.Equal(DispatchOutcome.AlreadyClaimed, retry.Outcome);
        Assert.Empty(fixture.Sender.Sent);
        Assert.Contains("at(2026-04-13T06:45:00)", fixture.Scheduler.Schedules.Values.Select(s => s.Expression));
        var wakeUp = Assert.Single(fixture.Scheduler.Schedules.Keys, k => k.StartsWith("aurora-retry-", StringComparison.Ordinal));
        Assert.Equal("at(2026-04-06T06:50:00)", fixture.Scheduler.Schedules[wakeUp].Expression);

        await fixture.FireAsync(wakeUp, server);

        Assert.Equal([Utc("2026-04-06T06:50:00Z")], fixture.Sender.Sent.Select(s => s.At).ToList());
        Assert.Equal("at(2026-04-13T06:45:00)", Assert.Single(fixture.Scheduler.Schedules.Values).Expression);
    }

    [Theory]
    [InlineData("alarm")]
    [InlineData("due")]
    [InlineData("href")]
    [InlineData("mac")]
    [InlineData("secret")]
    [InlineData("garbage")]
    public async Task A_forged_or_altered_event_is_refused_and_sends_nothing(string tamper)
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        await SchedulerFixture.PutAsync(server.Node, "weekly.ics", Weekly);
        var schedule = Assert.Single(fixture.Scheduler.Schedules.Values);
        fixture.Clock.AdvanceTo(Utc("2026-04-06T06:45:00Z").ToDateTimeOffset());
        var real = SchedulerEvent.TryRead(Encoding.UTF8.GetBytes(schedule.Input), EventBridgeFixture.Secret)!;
        var forged = tamper switch
        {
            "alarm" => Replace(schedule.Input, "\"alarm\":\"", "\"alarm\":\"x"),
            "due" => Replace(schedule.Input, "2026-04-06T06:45:00Z", "2026-04-06T06:46:00Z"),
            "href" => Replace(schedule.Input, "weekly.ics", "other.ics"),
            "mac" => Replace(schedule.Input, "\"mac\":\"", "\"mac\":\"AAAA"),
            "secret" => new SchedulerEvent(real.Due).ToJson(new byte[32]),
            _ => "{\"v\":\"1\"",
        };

        var result = await server.Events.HandleAsync(Encoding.UTF8.GetBytes(forged), CancellationToken.None);

        Assert.True(result.Refused);
        Assert.Empty(fixture.Sender.Sent);
        Assert.Equal(DispatchOutcome.Sent, (await server.Events.HandleAsync(Encoding.UTF8.GetBytes(schedule.Input), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task The_schedule_of_a_deleted_event_fires_and_sends_nothing()
    {
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        var resource = await SchedulerFixture.PutAsync(server.Node, "weekly.ics", Weekly);
        Assert.True((await server.Node.Store.DeleteObjectAsync(resource, WritePrecondition.None)).IsSuccess);

        Assert.Equal([DispatchOutcome.Gone], await fixture.FireAsync(Assert.Single(fixture.Scheduler.Schedules.Keys), server));

        Assert.Empty(fixture.Sender.Sent);
        Assert.Empty(fixture.Scheduler.Schedules);
    }

    [Fact]
    public async Task An_event_moved_within_its_calendar_keeps_its_schedule_and_the_event_finds_it_at_its_new_place()
    {
        // A MOVE to another calendar replaces the schedules instead (PerCalendarScheduleTests).
        await using var fixture = new EventBridgeFixture(Start);
        var server = await fixture.StartInstanceAsync(createAccount: true);
        var source = await SchedulerFixture.PutAsync(server.Node, "weekly.ics", Weekly);
        fixture.Scheduler.Calls.Clear();

        Assert.True((await server.Node.Store.MoveObjectAsync(source, source.Collection.Object("moved.ics"), WritePrecondition.None)).IsSuccess);
        await server.Node.Reconciler.ReplanAsync(source.Collection.Object("moved.ics"), CancellationToken.None);

        Assert.Empty(fixture.Scheduler.Calls);
        Assert.Equal([DispatchOutcome.Sent], await fixture.FireAsync(Assert.Single(fixture.Scheduler.Schedules.Keys), server));
        Assert.Single(fixture.Sender.Sent);
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
