using System.Collections.Concurrent;

namespace AuroraTime.Server.Auth;

/// <summary>
/// Limits failed sign-ins per (user name, client address) with a token bucket: each failure takes a
/// token, tokens come back at a fixed rate, and with none left further attempts are refused (429)
/// before any password is checked, so guessing costs the attacker time and costs us no PBKDF2 work.
/// Successful sign-ins take nothing.
/// </summary>
public sealed class SignInThrottle
{
    private const int MaxBuckets = 50_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly double _capacity;
    private readonly TimeSpan _refillInterval;

    /// <param name="burst">Failures allowed in a row.</param>
    /// <param name="refillInterval">Time after which one more failure is allowed.</param>
    public SignInThrottle(int burst, TimeSpan refillInterval, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refillInterval, TimeSpan.Zero);
        _capacity = burst;
        _refillInterval = refillInterval;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Whether an attempt may go ahead; when not, how long until it may.</summary>
    public bool IsAllowed(string userName, string? clientAddress, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_buckets.TryGetValue(KeyOf(userName, clientAddress), out var bucket))
        {
            return true;
        }
        lock (bucket)
        {
            var tokens = bucket.TokensAt(_clock.GetUtcNow(), _capacity, _refillInterval);
            if (tokens >= 1)
            {
                return true;
            }
            retryAfter = _refillInterval * (1 - tokens);
            return false;
        }
    }

    public void RecordFailure(string userName, string? clientAddress)
    {
        if (_buckets.Count >= MaxBuckets)
        {
            Prune();
        }
        var now = _clock.GetUtcNow();
        var bucket = _buckets.GetOrAdd(KeyOf(userName, clientAddress), _ => new Bucket(_capacity, now));
        lock (bucket)
        {
            bucket.Take(now, _capacity, _refillInterval);
        }
    }

    /// <summary>Forgets buckets that have refilled completely: they behave exactly like absent ones.</summary>
    private void Prune()
    {
        var now = _clock.GetUtcNow();
        foreach (var pair in _buckets)
        {
            lock (pair.Value)
            {
                if (pair.Value.TokensAt(now, _capacity, _refillInterval) >= _capacity)
                {
                    _buckets.TryRemove(pair.Key, out _);
                }
            }
        }
    }

    private static string KeyOf(string userName, string? clientAddress) => userName + "\0" + (clientAddress ?? "-");

    private sealed class Bucket(double tokens, DateTimeOffset updatedAt)
    {
        private double _tokens = tokens;
        private DateTimeOffset _updatedAt = updatedAt;

        public double TokensAt(DateTimeOffset now, double capacity, TimeSpan refillInterval)
        {
            var elapsed = Math.Max(0, (now - _updatedAt) / refillInterval);
            return Math.Min(capacity, _tokens + elapsed);
        }

        public void Take(DateTimeOffset now, double capacity, TimeSpan refillInterval)
        {
            _tokens = Math.Max(0, TokensAt(now, capacity, refillInterval) - 1);
            _updatedAt = now;
        }
    }
}
