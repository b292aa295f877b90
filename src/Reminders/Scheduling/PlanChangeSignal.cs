using NodaTime;

namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// Wakes the scheduler early when a plan changes (a PUT may add a firing before the one it sleeps for).
/// Only a firing earlier than the scheduler's wake-up needs it: a removed or later firing can wait, since
/// the scheduler re-reads the store whenever it wakes and a wake-up for a firing that is gone finds nothing
/// due. Waking for every write made the scheduler re-read its queues once per PUT under write load.
/// </summary>
public sealed class PlanChangeSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Unix ticks of the scheduler's next wake-up; MaxValue while it is awake (or absent): every change counts.
    private long sleepingUntil = long.MaxValue;

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task NextChange => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A plan now holds a firing at <paramref name="earliest"/>: wakes the scheduler if that is before its wake-up.</summary>
    public void Planned(Instant earliest)
    {
        if (earliest.ToUnixTimeTicks() < Volatile.Read(ref sleepingUntil))
        {
            Notify();
        }
    }

    /// <summary>The scheduler is about to read the store: every change from now on must wake its next sleep.</summary>
    public void Awake() => Volatile.Write(ref sleepingUntil, long.MaxValue);

    /// <summary>The scheduler read the store and sleeps until <paramref name="wakeAt"/>.</summary>
    public void SleepingUntil(Instant wakeAt) => Volatile.Write(ref sleepingUntil, wakeAt.ToUnixTimeTicks());
}
