using AuroraTime.Server.Auth;
using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Auth;

public class SignInThrottleTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void After_the_burst_of_failures_attempts_are_refused_until_a_token_refills()
    {
        var throttle = new SignInThrottle(burst: 3, refillInterval: TimeSpan.FromSeconds(10), _clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(throttle.IsAllowed("alice", "10.0.0.1", out _));
            throttle.RecordFailure("alice", "10.0.0.1");
        }

        Assert.False(throttle.IsAllowed("alice", "10.0.0.1", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(10), retryAfter);

        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(throttle.IsAllowed("alice", "10.0.0.1", out retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(6), retryAfter);

        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(throttle.IsAllowed("alice", "10.0.0.1", out _));
        throttle.RecordFailure("alice", "10.0.0.1");
        Assert.False(throttle.IsAllowed("alice", "10.0.0.1", out _));
    }

    [Fact]
    public void Buckets_are_per_user_and_per_address()
    {
        var throttle = new SignInThrottle(burst: 1, refillInterval: TimeSpan.FromMinutes(1), _clock);
        throttle.RecordFailure("alice", "10.0.0.1");

        Assert.False(throttle.IsAllowed("alice", "10.0.0.1", out _));
        Assert.True(throttle.IsAllowed("alice", "10.0.0.2", out _));
        Assert.True(throttle.IsAllowed("bob", "10.0.0.1", out _));
    }
}
