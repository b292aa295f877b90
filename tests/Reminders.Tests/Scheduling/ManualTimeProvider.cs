namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// A TimeProvider whose clock only moves when the test says so; timers fire when the clock passes
/// their due time (NodaTime.Testing and Microsoft's FakeTimeProvider are not available here).
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
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
