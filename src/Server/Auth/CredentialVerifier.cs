using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AuroraTime.Server.Accounts;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Auth;

/// <summary>
/// Checks a user name and password against the account password or one of its app passwords, with
/// <see cref="VerifiedCredentialCache"/> in front of the slow hash.
/// </summary>
public sealed class CredentialVerifier
{
    private readonly IStore _store;
    private readonly VerifiedCredentialCache _cache;
    private readonly Lazy<string> _dummyHash;

    // Clients open several connections at once with the same credentials; while one slow check runs,
    // the others wait for it instead of each burning a PBKDF2 computation (keyed by the cache's HMAC).
    // Lazy, because GetOrAdd may run its factory for several racing callers but stores only one value.
    private readonly ConcurrentDictionary<string, Lazy<Task<VerifiedCredential?>>> _inFlight = new(StringComparer.Ordinal);
    private long _slowVerifications;

    public CredentialVerifier(IStore store, VerifiedCredentialCache cache, PasswordHasher hasher)
    {
        _store = store;
        _cache = cache;
        // Unknown users are checked against this so they take as long as known ones (no user enumeration by timing).
        _dummyHash = new Lazy<string>(() => hasher.Hash(SecretGenerator.Password()));
    }

    /// <summary>The verified credential, or null when the user name or password is wrong.</summary>
    public async Task<VerifiedCredential?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        if (!AccountNames.IsValidUserName(userName))
        {
            return null;
        }
        if (_cache.TryGet(userName, password, out var cached))
        {
            if (await IsCurrentAsync(cached, cancellationToken))
            {
                return cached;
            }
            _cache.Remove(userName, password);
        }

        var key = _cache.KeyOf(userName, password);
        var shared = _inFlight.GetOrAdd(key, _ => new Lazy<Task<VerifiedCredential?>>(() => VerifyAndRememberAsync(userName, password)));
        VerifiedCredential? verified;
        try
        {
            verified = await shared.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, shared));
        }
        // A shared check (or the cache entry it found) may have read the account before this request arrived and
        // before a change this request must see, e.g. a revoke by the CLI while a slow hash ran: confirm it
        // against the stored hash now, as cache hits are, and check afresh if that changed.
        if (verified is { } credential && !await IsCurrentAsync(credential, cancellationToken))
        {
            _cache.Remove(userName, password);
            return await VerifySlowlyAsync(userName, password, cancellationToken);
        }
        return verified;
    }

    /// <summary>How many times the slow hash was computed (observability, and proof in tests that sharing works).</summary>
    public long SlowVerifications => Interlocked.Read(ref _slowVerifications);

    /// <summary>Shared by concurrent callers, so it ignores their cancellation: the work is bounded anyway.</summary>
    private async Task<VerifiedCredential?> VerifyAndRememberAsync(string userName, string password)
    {
        // A check that finished just before this one started has already filled the cache.
        if (_cache.TryGet(userName, password, out var justVerified))
        {
            return justVerified;
        }
        var verified = await VerifySlowlyAsync(userName, password, CancellationToken.None);
        if (verified is { } credential)
        {
            _cache.Add(userName, password, credential);
            if (credential.AppPasswordId is { } id)
            {
                await _store.RecordAppPasswordUseAsync(userName, id, CancellationToken.None);
            }
        }
        return verified;
    }

    private async Task<VerifiedCredential?> VerifySlowlyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _slowVerifications);
        var account = await _store.GetAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            PasswordHasher.Verify(password, _dummyHash.Value);
            return null;
        }
        if (AppPasswordFormat.TryGetId(password, out var id)
            && await _store.GetAppPasswordAsync(userName, id, cancellationToken) is { } appPassword
            && PasswordHasher.VerifyGeneratedSecret(password, appPassword.Hash))
        {
            return new VerifiedCredential(userName, id, appPassword.Hash);
        }
        return PasswordHasher.Verify(password, account.PasswordHash)
            ? new VerifiedCredential(userName, null, account.PasswordHash)
            : null;
    }

    /// <summary>Whether the hash the credential was verified against is still the stored one (not changed, not revoked).</summary>
    private async Task<bool> IsCurrentAsync(VerifiedCredential credential, CancellationToken cancellationToken) =>
        await CurrentHashAsync(credential, cancellationToken) is { } current && SameHash(current, credential.StoredHash);

    private async Task<string?> CurrentHashAsync(VerifiedCredential credential, CancellationToken cancellationToken) =>
        credential.AppPasswordId is { } id
            ? (await _store.GetAppPasswordAsync(credential.UserName, id, cancellationToken))?.Hash
            : (await _store.GetAccountAsync(credential.UserName, cancellationToken))?.PasswordHash;

    private static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));
}
