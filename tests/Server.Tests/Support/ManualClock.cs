namespace AuroraTime.Server.Tests.Support;

/// <summary>A clock that moves only when told (Microsoft's FakeTimeProvider package is not served here).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
