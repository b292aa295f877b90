using AuroraTime.Reminders.Scheduling;
using NodaTime;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Scheduling;

public class ReminderSchedulerTests
{
    internal const string WeeklyBerlin = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Berlin:20260105T090000
        DURATION:PT1H
        RRULE:FREQ=WEEKLY;UNTIL=20261231T235959Z
        SUMMARY:Weekly sync
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """;

    private static readonly Instant Start = Utc("2026-01-01T00:00:00Z");
    private static readonly Instant YearEnd = Utc("2027-01-01T00:00:00Z");

    /// <summary>Every Monday of 2026 at 08:45 Berlin wall time (CET in winter, CEST from 29 March to 25 October).</summary>
    private static List<Instant> ExpectedMondays()
    {
        var list = new List<Instant>();
        for (var day = new LocalDate(2026, 1, 5); day.Year == 2026; day = day.PlusWeeks(1))
        {
            list.Add(Berlin.AtStrictly(day.At(new LocalTime(8, 45))).ToInstant());
        }
        return list;
    }

    [Fact]
    public async Task A_year_of_a_weekly_series_across_two_DST_changes_fires_every_instance_once_on_time()
    {
        await using var fixture = new SchedulerFixture(Start);
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin);

        while (await fixture.StepAsync(YearEnd, node))
        {
        }

        var sent = fixture.Sender.Sent.Select(s => s.At).ToList();
        var expected = ExpectedMondays();
        Assert.Equal(52, expected.Count);
        Assert.Equal(expected, sent);
        // The summer ones are at 06:45Z, the winter ones at 07:45Z.
        Assert.Contains(Utc("2026-03-30T06:45:00Z"), sent);
        Assert.Contains(Utc("2026-03-23T07:45:00Z"), sent);
        Assert.Contains(Utc("2026-10-26T07:45:00Z"), sent);
    }

    [Fact]
    public async Task A_restart_in_the_middle_sends_nothing_twice()
    {
        await using var fixture = new SchedulerFixture(Start);
        var first = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(first, "weekly.ics", WeeklyBerlin);
        while (await fixture.StepAsync(Utc("2026-06-01T00:00:00Z"), first))
        {
        }
        // Down for 20 minutes across a firing (within the 1 h grace): sent late, once.
        fixture.Clock.AdvanceTo(Utc("2026-06-01T07:05:00Z").ToDateTimeOffset());
        var second = await fixture.StartNodeAsync();
        await second.Scheduler.RunDueAsync(CancellationToken.None);
        await second.Scheduler.RunDueAsync(CancellationToken.None);
        while (await fixture.StepAsync(YearEnd, second))
        {
        }

        var sent = fixture.Sender.Sent.Select(s => s.Message.MessageId).ToList();
        Assert.Equal(sent.Distinct().Count(), sent.Count);
        Assert.Equal(52, sent.Count);
        Assert.Contains(fixture.Sender.Sent, s => s.At == Utc("2026-06-01T07:05:00Z"));
    }

    [Fact]
    public async Task Firings_older_than_the_grace_period_are_skipped_and_the_series_continues()
    {
        await using var fixture = new SchedulerFixture(Start);
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin);
        // Down from 1 Jan to 5 Jan 09:00: the 08:45 firing is 15 min late -> sent; to 10:00 -> 75 min late -> skipped.
        fixture.Clock.AdvanceTo(Utc("2026-01-05T09:00:00Z").ToDateTimeOffset());
        await node.Scheduler.RunDueAsync(CancellationToken.None);
        Assert.Empty(fixture.Sender.Sent);
        Assert.True(await fixture.StepAsync(YearEnd, node));
        Assert.Equal([Utc("2026-01-12T07:45:00Z")], fixture.Sender.Sent.Select(s => s.At));
    }

    [Fact]
    public async Task Two_schedulers_racing_on_one_SQLite_file_send_each_email_once()
    {
        await using var fixture = new SchedulerFixture(Start);
        var a = await fixture.SetUpAsync();
        var b = await fixture.StartNodeAsync();
        await SchedulerFixture.PutAsync(a, "weekly.ics", WeeklyBerlin);
        while (await fixture.StepAsync(Utc("2026-07-01T00:00:00Z"), a, b))
        {
        }
        var sent = fixture.Sender.Sent.Select(s => s.At).ToList();
        Assert.Equal(ExpectedMondays().Where(i => i < Utc("2026-07-01T00:00:00Z")), sent.Order());
    }

    [Fact]
    public async Task An_edit_before_the_firing_moves_it_and_the_old_time_sends_nothing()
    {
        await using var fixture = new SchedulerFixture(Start);
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin);
        await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin.Replace("TRIGGER:-PT15M", "TRIGGER:-PT1H", StringComparison.Ordinal));
        Assert.True(await fixture.StepAsync(YearEnd, node));
        Assert.Equal([Utc("2026-01-05T07:00:00Z")], fixture.Sender.Sent.Select(s => s.At));
    }

    [Fact]
    public async Task The_background_loop_sleeps_until_the_firing_and_wakes_on_a_plan_change()
    {
        // Each step waits for what the loop does (the timer it sets, the message it hands over), never
        // for a guessed time, so the load of the machine cannot decide the outcome; the guard only
        // ends a hang.
        var hangGuard = TimeSpan.FromMinutes(2);
        await using var fixture = new SchedulerFixture(Start);
        var node = await fixture.SetUpAsync();
        var maxSleep = fixture.Options.MaxSleep.ToTimeSpan();
        var due = Utc("2026-01-05T07:45:00Z").ToDateTimeOffset();
        var idle = fixture.Clock.WhenTimerArmedAsync(Start.ToDateTimeOffset() + maxSleep);
        await node.Scheduler.StartAsync(CancellationToken.None);
        try
        {
            await idle.WaitAsync(hangGuard); // nothing planned: asleep for the longest sleep
            var idleAgain = fixture.Clock.WhenTimerArmedAsync(due - TimeSpan.FromMinutes(1) + maxSleep);
            fixture.Clock.AdvanceTo(due - TimeSpan.FromMinutes(1));
            await idleAgain.WaitAsync(hangGuard); // woke at the end of that sleep, still nothing planned

            // Planned while the loop sleeps with nothing to do: the change wakes it, and it sleeps
            // again until the firing a minute ahead instead of its longest sleep.
            var asleepUntilDue = fixture.Clock.WhenTimerArmedAsync(due);
            await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin);
            await asleepUntilDue.WaitAsync(hangGuard);
            Assert.Empty(fixture.Sender.Sent);

            fixture.Clock.AdvanceTo(due);
            await UntilAsync(() => !fixture.Sender.Sent.IsEmpty).WaitAsync(hangGuard);
            Assert.Equal([due], fixture.Sender.Sent.Select(s => s.At.ToDateTimeOffset()));
        }
        finally
        {
            await node.Scheduler.StopAsync(CancellationToken.None);
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public void The_idempotency_key_depends_on_the_alarm_and_the_instant_only()
    {
        var calendar = SchedulerFixture.Calendar;
        var a = new Storage.Contract.DueReminder(new Storage.Contract.ObjectRef(calendar, "a.ics"), "u|1|#0", Start);
        var moved = a with { Resource = new Storage.Contract.ObjectRef(calendar, "b.ics") };
        Assert.Equal(ReminderDispatcher.IdempotencyKey(a), ReminderDispatcher.IdempotencyKey(moved));
        Assert.NotEqual(ReminderDispatcher.IdempotencyKey(a), ReminderDispatcher.IdempotencyKey(a with { DueAt = Start + Duration.FromSeconds(1) }));
    }
}
