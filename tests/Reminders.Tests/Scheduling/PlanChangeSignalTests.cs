using AuroraTime.Reminders.Scheduling;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// The scheduler is woken only by a firing earlier than its wake-up: under write load a wake-up per PUT
/// made it re-read its queues once per write.
/// </summary>
public sealed class PlanChangeSignalTests
{
    private static readonly Instant WakeAt = Instant.FromUtc(2026, 3, 1, 9, 0);

    [Fact]
    public void A_firing_before_the_wake_up_wakes_the_sleeping_scheduler()
    {
        var signal = new PlanChangeSignal();
        signal.SleepingUntil(WakeAt);
        var change = signal.NextChange;

        signal.Planned(WakeAt - Duration.FromMinutes(1));

        Assert.True(change.IsCompleted);
    }

    [Fact]
    public void A_firing_at_or_after_the_wake_up_lets_it_sleep()
    {
        var signal = new PlanChangeSignal();
        signal.SleepingUntil(WakeAt);
        var change = signal.NextChange;

        signal.Planned(WakeAt);
        signal.Planned(WakeAt + Duration.FromDays(3));

        Assert.False(change.IsCompleted);
    }

    [Fact]
    public void While_the_scheduler_reads_the_store_every_plan_wakes_its_next_sleep()
    {
        // Between Awake and SleepingUntil the scheduler may already have read past this write: it must look again.
        var signal = new PlanChangeSignal();
        signal.SleepingUntil(WakeAt);
        signal.Awake();
        var change = signal.NextChange;

        signal.Planned(WakeAt + Duration.FromDays(365));

        Assert.True(change.IsCompleted);
    }

    [Fact]
    public void Notify_always_wakes()
    {
        var signal = new PlanChangeSignal();
        signal.SleepingUntil(WakeAt);
        var change = signal.NextChange;

        signal.Notify();

        Assert.True(change.IsCompleted);
    }
}
