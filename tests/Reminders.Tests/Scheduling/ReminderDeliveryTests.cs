using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;
using static AuroraTime.Reminders.Tests.Scheduling.ReminderSchedulerTests;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// Retries of claimed-but-unsent reminders (issue 5 item 5): backoff, restarts, permanent failures,
/// racing schedulers and the crash window between the hand-over and the store write.
/// </summary>
public class ReminderDeliveryTests
{
    private static readonly Instant Start = Utc("2026-01-01T00:00:00Z");
    private static readonly Instant FirstFiring = Utc("2026-01-05T07:45:00Z");
    private static readonly Instant SecondFiring = Utc("2026-01-12T07:45:00Z");
    private static readonly Duration Minute = Duration.FromMinutes(1);

    private static async Task<(SchedulerFixture Fixture, SchedulerFixture.Node Node)> WeeklyAsync()
    {
        var fixture = new SchedulerFixture(Start);
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin);
        return (fixture, node);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_doubling_backoff_and_sent_once()
    {
        var (fixture, node) = await WeeklyAsync();
        await using var _ = fixture;
        fixture.Sender.Failures.Enqueue(RecordingSender.Transient());
        fixture.Sender.Failures.Enqueue(RecordingSender.Transient());

        while (await fixture.StepAsync(SecondFiring - Minute, node))
        {
        }

        Assert.Equal([FirstFiring, FirstFiring + Minute, FirstFiring + 3 * Minute], fixture.Sender.Attempts);
        var sent = Assert.Single(fixture.Sender.Sent);
        Assert.Equal(FirstFiring + 3 * Minute, sent.At);
        Assert.Null(await node.Store.NextDeliveryAttemptAsync());
        // The series rolled forward at the first attempt and was not held up by the retries.
        Assert.Equal(SecondFiring, Assert.Single(await node.Store.GetPendingRemindersAsync(new ObjectRef(SchedulerFixture.Calendar, "weekly.ics"))).DueAt);
    }

    [Fact]
    public async Task A_permanent_failure_is_recorded_once_and_never_retried()
    {
        var (fixture, node) = await WeeklyAsync();
        await using var _ = fixture;
        fixture.Sender.Failures.Enqueue(RecordingSender.Permanent());

        while (await fixture.StepAsync(SecondFiring, node))
        {
        }

        Assert.Equal([FirstFiring, SecondFiring], fixture.Sender.Attempts);
        Assert.Equal([SecondFiring], fixture.Sender.Sent.Select(s => s.At));
        var failed = Assert.Single(await node.Store.ListFailedDeliveriesAsync("alice", 10));
        Assert.Equal((FirstFiring, 1), (failed.DueAt, failed.Attempts));
        Assert.Contains("550 5.1.1", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_stop_after_the_last_allowed_attempt_and_the_failure_is_recorded()
    {
        var (fixture, node) = await WeeklyAsync();
        await using var _ = fixture;
        for (var i = 0; i < 10; i++)
        {
            fixture.Sender.Failures.Enqueue(RecordingSender.Transient());
        }

        while (await fixture.StepAsync(SecondFiring - Minute, node))
        {
        }

        // 5 attempts: waits of 1, 2, 4 and 8 minutes (ReminderRetryPolicy.Default).
        Assert.Equal(
            [FirstFiring, FirstFiring + Minute, FirstFiring + 3 * Minute, FirstFiring + 7 * Minute, FirstFiring + 15 * Minute],
            fixture.Sender.Attempts);
        Assert.Empty(fixture.Sender.Sent);
        var failed = Assert.Single(await node.Store.ListFailedDeliveriesAsync("alice", 10));
        Assert.Equal(5, failed.Attempts);
        Assert.StartsWith("attempt 5: 451", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_retries_the_claimed_but_unsent_reminder()
    {
        var (fixture, first) = await WeeklyAsync();
        await using var _ = fixture;
        fixture.Sender.Failures.Enqueue(RecordingSender.Transient());
        Assert.True(await fixture.StepAsync(SecondFiring, first));
        Assert.Empty(fixture.Sender.Sent);

        // The process stops; a new one opens the same file two minutes later.
        await first.Store.DisposeAsync();
        fixture.Clock.AdvanceTo((FirstFiring + 2 * Minute).ToDateTimeOffset());
        var second = await fixture.StartNodeAsync();
        await second.Scheduler.RunDueAsync(CancellationToken.None);

        Assert.Equal([FirstFiring + 2 * Minute], fixture.Sender.Sent.Select(s => s.At));
        await second.Scheduler.RunDueAsync(CancellationToken.None);
        Assert.Single(fixture.Sender.Sent);
    }

    [Fact]
    public async Task Two_schedulers_racing_for_a_retry_send_it_once()
    {
        var (fixture, a) = await WeeklyAsync();
        await using var _ = fixture;
        var b = await fixture.StartNodeAsync();
        fixture.Sender.Failures.Enqueue(RecordingSender.Transient());

        while (await fixture.StepAsync(SecondFiring - Minute, a, b))
        {
        }

        Assert.Equal([FirstFiring, FirstFiring + Minute], fixture.Sender.Attempts);
        Assert.Single(fixture.Sender.Sent);
    }

    [Fact]
    public async Task A_retry_re_reads_the_event_and_sends_nothing_once_the_alarm_is_acknowledged()
    {
        var (fixture, node) = await WeeklyAsync();
        await using var _ = fixture;
        fixture.Sender.Failures.Enqueue(RecordingSender.Transient());
        Assert.True(await fixture.StepAsync(SecondFiring, node));

        // RFC 9074 section 6: the client acknowledged the alarm before the retry.
        await SchedulerFixture.PutAsync(node, "weekly.ics", WeeklyBerlin.Replace("TRIGGER:-PT15M", "TRIGGER:-PT15M\nACKNOWLEDGED:20260105T074600Z", StringComparison.Ordinal));
        fixture.Clock.AdvanceTo((FirstFiring + Minute).ToDateTimeOffset());
        Assert.Equal(1, await node.Scheduler.RunDueAsync(CancellationToken.None));

        Assert.Empty(fixture.Sender.Sent);
        Assert.Null(await node.Store.NextDeliveryAttemptAsync());
    }

    [Fact]
    public async Task A_deleted_event_takes_its_pending_retry_with_it()
    {
        var (fixture, node) = await WeeklyAsync();
        await using var _ = fixture;
        fixture.Sender.Failures.Enqueue(RecordingSender.Transient());
        Assert.True(await fixture.StepAsync(SecondFiring, node));
        Assert.NotNull(await node.Store.NextDeliveryAttemptAsync());

        Assert.True((await node.Store.DeleteObjectAsync(new ObjectRef(SchedulerFixture.Calendar, "weekly.ics"), WritePrecondition.None)).IsSuccess);
        Assert.Null(await node.Store.NextDeliveryAttemptAsync());
    }

    /// <summary>
    /// The guarantee across a crash is at-least-once: the idempotency record is written before the
    /// send and marked delivered after it, so a process that dies in between leaves a delivery that
    /// a restarted scheduler sends again once the attempt's lease has run out. Both copies carry the
    /// same Message-ID. Before the lease ends nothing is resent.
    /// </summary>
    [Fact]
    public async Task A_crash_between_the_hand_over_and_the_record_sends_again_after_the_lease_with_the_same_Message_ID()
    {
        var (fixture, first) = await WeeklyAsync();
        await using var _ = fixture;
        fixture.Sender.Failures.Enqueue(new CrashAfterHandOver());
        fixture.Clock.AdvanceTo(FirstFiring.ToDateTimeOffset());
        await Assert.ThrowsAsync<CrashAfterHandOver>(() => first.Scheduler.RunDueAsync(CancellationToken.None));
        await first.Store.DisposeAsync();
        // The series was rolled forward before the send, so the crash does not stop it.
        var weekly = new ObjectRef(SchedulerFixture.Calendar, "weekly.ics");

        var lease = ReminderRetryPolicy.Default.AttemptLease;
        fixture.Clock.AdvanceTo((FirstFiring + lease - Minute).ToDateTimeOffset());
        var second = await fixture.StartNodeAsync();
        await second.Scheduler.RunDueAsync(CancellationToken.None);
        Assert.Single(fixture.Sender.Sent);

        fixture.Clock.AdvanceTo((FirstFiring + lease).ToDateTimeOffset());
        await second.Scheduler.RunDueAsync(CancellationToken.None);
        var copies = fixture.Sender.Sent.Select(s => s.Message.MessageId).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Single(copies.Distinct());

        await second.Scheduler.RunDueAsync(CancellationToken.None);
        Assert.Equal(2, fixture.Sender.Sent.Count);
        Assert.Equal(SecondFiring, Assert.Single(await second.Store.GetPendingRemindersAsync(weekly)).DueAt);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void The_backoff_doubles_up_to_its_cap(int attempt, int minutes) =>
        Assert.Equal(Duration.FromMinutes(minutes), ReminderRetryPolicy.Default.DelayAfter(attempt));
}
