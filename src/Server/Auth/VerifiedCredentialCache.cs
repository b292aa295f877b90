using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AuroraTime.Server.Auth;

/// <summary>
/// Remembers recent successful sign-ins so a CalDAV client's many requests do not each pay the
/// PBKDF2 cost. The key is an HMAC-SHA256 of (user, password) under a random per-process key, so
/// the cache never holds a password or anything that can be checked against one offline.
/// An entry also records the stored hash it was verified against: the caller re-reads that hash on
/// every hit, so a password changed or an app password revoked by another process (the CLI on the
/// same data folder) invalidates the entry on the next request. In-process changes also call
/// <see cref="ForgetUser"/>. Entries expire after a short lifetime regardless.
/// </summary>
public sealed class VerifiedCredentialCache
{
    private const int MaxEntries = 10_000;

    // One keyed HMAC per thread, reset after each use: the one-shot HMACSHA256.HashData sets up OpenSSL's
    // MAC context and key on every call, about a tenth of a cached GET's CPU (perf); a reset keeps the key.
    private readonly ThreadLocal<IncrementalHash> _hmac;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public VerifiedCredentialCache(TimeSpan lifetime, TimeProvider? clock = null)
    {
        _lifetime = lifetime;
        _clock = clock ?? TimeProvider.System;
        // The key is drawn when the first credential is checked, not here: RandomNumberGenerator loads OpenSSL,
        // and the cache is built while the pipeline is, before the server listens (2-3 ms of every cold start,
        // bench/coldstart/README.md). The first HMAC needs OpenSSL anyway, so the work moves, it does not grow.
        // Lazy's default mode publishes one key to every thread.
        var key = new Lazy<byte[]>(() => RandomNumberGenerator.GetBytes(32));
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Value));
    }

    public bool Enabled => _lifetime > TimeSpan.Zero;

    public int Count => _entries.Count;

    /// <summary>The entry for these credentials when present and not expired.</summary>
    public bool TryGet(string userName, string password, out VerifiedCredential credential)
    {
        credential = default;
        if (!Enabled || !_entries.TryGetValue(KeyOf(userName, password), out var entry))
        {
            return false;
        }
        if (entry.ExpiresAt <= _clock.GetUtcNow())
        {
            _entries.TryRemove(KeyOf(userName, password), out _);
            return false;
        }
        credential = entry.Credential;
        return true;
    }

    public void Add(string userName, string password, VerifiedCredential credential)
    {
        if (!Enabled)
        {
            return;
        }
        if (_entries.Count >= MaxEntries)
        {
            RemoveExpired();
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear(); // Bounded memory beats a perfect hit rate.
            }
        }
        _entries[KeyOf(userName, password)] = new Entry(credential, _clock.GetUtcNow() + _lifetime);
    }

    public void Remove(string userName, string password) => _entries.TryRemove(KeyOf(userName, password), out _);

    /// <summary>Drops every entry of the user (password changed, app password revoked, account deleted).</summary>
    public void ForgetUser(string userName)
    {
        foreach (var pair in _entries)
        {
            if (string.Equals(pair.Value.Credential.UserName, userName, StringComparison.Ordinal))
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }
    }

    private void RemoveExpired()
    {
        var now = _clock.GetUtcNow();
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }
    }

    /// <summary>The cache key of these credentials: an HMAC, safe to keep in memory and to use as a dictionary key.</summary>
    internal string KeyOf(string userName, string password)
    {
        // The NUL separator keeps ("ab", "c") and ("a", "bc") apart; user names cannot contain it.
        // Spans on the stack for ordinary lengths: this runs on every request.
        var length = Encoding.UTF8.GetMaxByteCount(userName.Length + 1 + password.Length);
        var message = length <= 1024 ? stackalloc byte[length] : new byte[length];
        try
        {
            var written = Encoding.UTF8.GetBytes(userName, message);
            message[written++] = 0;
            written += Encoding.UTF8.GetBytes(password, message[written..]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = _hmac.Value!;
            hmac.AppendData(message[..written]);
            hmac.GetHashAndReset(mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    private readonly record struct Entry(VerifiedCredential Credential, DateTimeOffset ExpiresAt);
}

/// <summary>
/// Who signed in and with what: the account password (<see cref="AppPasswordId"/> null) or an app
/// password, and the stored hash that matched (re-checked against the store on cache hits).
/// </summary>
public readonly record struct VerifiedCredential(string UserName, string? AppPasswordId, string StoredHash);
