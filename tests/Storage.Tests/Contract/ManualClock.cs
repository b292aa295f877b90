using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

/// <summary>A clock the test moves by hand (Microsoft's FakeTimeProvider is not served here).</summary>
public sealed class ManualClock(Instant start) : TimeProvider
{
    private long _ticks = start.ToUnixTimeTicks();

    public Instant Now => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public override DateTimeOffset GetUtcNow() => Now.ToDateTimeOffset();

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);
}
