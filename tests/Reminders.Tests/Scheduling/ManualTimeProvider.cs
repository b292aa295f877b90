namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// A TimeProvider whose clock only moves when the test says so; timers fire when the clock passes
/// their due time (NodaTime.Testing and Microsoft's FakeTimeProvider are not available here).
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<(DateTimeOffset DueAt, TaskCompletionSource Armed)> armWaiters = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Completes once a timer is set to fire at <paramref name="dueAt"/>: how a test knows that a
    /// background loop went to sleep until that instant, instead of pausing for a guessed time.
    /// </summary>
    public Task WhenTimerArmedAsync(DateTimeOffset dueAt)
    {
        lock (gate)
        {
            if (timers.Any(t => t.DueAt == dueAt))
            {
                return Task.CompletedTask;
            }
            var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            armWaiters.Add((dueAt, armed));
            return armed.Task;
        }
    }

    /// <summary>Completes the waiters for <paramref name="dueAt"/>; called under the lock.</summary>
    private void Armed(DateTimeOffset dueAt)
    {
        foreach (var waiter in armWaiters.Where(w => w.DueAt == dueAt).ToList())
        {
            waiter.Armed.TrySetResult();
            armWaiters.Remove(waiter);
        }
    }

    public void AdvanceTo(DateTimeOffset instant)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            if (instant > now)
            {
                now = instant;
            }
            due = timers.Where(t => t.DueAt is { } d && d <= now).ToList();
            foreach (var timer in due)
            {
                timer.DueAt = timer.Period > TimeSpan.Zero ? now + timer.Period : null;
            }
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool fireNow;
            lock (owner.gate)
            {
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.now + dueTime;
                fireNow = DueAt is { } d && d <= owner.now;
                if (fireNow)
                {
                    DueAt = Period > TimeSpan.Zero ? owner.now + Period : null;
                }
                if (!owner.timers.Contains(this))
                {
                    owner.timers.Add(this);
                }
                if (DueAt is { } armedAt)
                {
                    owner.Armed(armedAt);
                }
            }
            if (fireNow)
            {
                ThreadPool.QueueUserWorkItem(_ => Fire());
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
