namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// Wakes the scheduler early when a plan changes (a PUT may add a firing before the one it sleeps for).
/// </summary>
public sealed class PlanChangeSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task NextChange => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
