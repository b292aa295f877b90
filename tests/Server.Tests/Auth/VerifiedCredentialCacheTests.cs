using AuroraTime.Server.Auth;
using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Auth;

public class VerifiedCredentialCacheTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static VerifiedCredential Credential(string user) => new(user, null, "stored-hash");

    [Fact]
    public void A_hit_needs_the_same_user_and_password()
    {
        var cache = new VerifiedCredentialCache(TimeSpan.FromMinutes(5), _clock);
        cache.Add("alice", "pw-1", Credential("alice"));

        Assert.True(cache.TryGet("alice", "pw-1", out var hit));
        Assert.Equal("alice", hit.UserName);
        Assert.False(cache.TryGet("alice", "pw-2", out _));
        Assert.False(cache.TryGet("alicepw-1", "", out _));
        Assert.False(cache.TryGet("alic", "epw-1", out _));
    }

    [Fact]
    public void Entries_expire_after_their_lifetime()
    {
        var cache = new VerifiedCredentialCache(TimeSpan.FromMinutes(5), _clock);
        cache.Add("alice", "pw", Credential("alice"));

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet("alice", "pw", out _));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("alice", "pw", out _));
    }

    [Fact]
    public void ForgetUser_drops_every_entry_of_that_user_only()
    {
        var cache = new VerifiedCredentialCache(TimeSpan.FromMinutes(5), _clock);
        cache.Add("alice", "pw", Credential("alice"));
        cache.Add("alice", "app-pw", new VerifiedCredential("alice", "0123abcd", "h"));
        cache.Add("bob", "pw", Credential("bob"));

        cache.ForgetUser("alice");

        Assert.False(cache.TryGet("alice", "pw", out _));
        Assert.False(cache.TryGet("alice", "app-pw", out _));
        Assert.True(cache.TryGet("bob", "pw", out _));
    }

    [Fact]
    public void A_zero_lifetime_disables_caching()
    {
        var cache = new VerifiedCredentialCache(TimeSpan.Zero, _clock);
        cache.Add("alice", "pw", Credential("alice"));

        Assert.False(cache.TryGet("alice", "pw", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Every_thread_keys_with_the_same_secret_and_each_cache_with_its_own()
    {
        // The HMAC key is drawn on first use (not in the constructor, to keep OpenSSL out of the cold start),
        // and each thread has its own HMAC instance: all of them must still share the one key, or an entry
        // added by one request thread would never be found by another.
        var cache = new VerifiedCredentialCache(TimeSpan.FromMinutes(5), _clock);
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () => cache.KeyOf("alice", "pw"), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        cache.Add("alice", "pw", Credential("alice"));
        var hitElsewhere = await Task.Factory.StartNew(
            () => cache.TryGet("alice", "pw", out _), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.Single(keys.Distinct());
        Assert.True(hitElsewhere);
        Assert.NotEqual(keys[0], new VerifiedCredentialCache(TimeSpan.FromMinutes(5), _clock).KeyOf("alice", "pw"));
    }
}
