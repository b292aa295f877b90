using AuroraTime.Server.Accounts;
using AuroraTime.Server.Auth;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;

namespace AuroraTime.Server.Tests.Auth;

/// <summary>
/// Revocation racing a verification (the bug tests/Interop/revocation.sh found, fixed in a753821): concurrent
/// requests with the same credentials share one slow check, and that check may have read the account before a
/// revocation. A request that arrives after the revocation and joins it must still be refused, and the
/// credential must not stay cached as verified. The store holds the shared check's read until the revocation
/// is done, so the interleaving is the same on every run.
/// </summary>
public sealed class CredentialVerifierRaceTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30); // only against hanging forever if the seam is not reached

    private readonly TempDataFolder _data = new();
    private readonly PasswordHasher _hasher = new(1000);
    private readonly VerifiedCredentialCache _cache = new(TimeSpan.FromMinutes(5));
    private SqliteStore _inner = null!;
    private HoldingStore _store = null!;
    private CredentialVerifier _verifier = null!;

    public async Task InitializeAsync()
    {
        _inner = await SqliteStore.OpenAsync(new SqliteStoreOptions(_data.File("aurora.db")));
        _store = HoldingStore.Around(_inner);
        _verifier = new CredentialVerifier(_store.AsStore, _cache, _hasher);
    }

    public async Task DisposeAsync()
    {
        await _inner.DisposeAsync();
        _data.Dispose();
    }

    public enum Revocation
    {
        AccountDeletedWhileItsPasswordIsChecked,
        PasswordChangedWhileTheOldOneIsChecked,
        AppPasswordRevokedWhileItIsChecked,
        AccountDeletedWhileAnAppPasswordIsChecked,
    }

    [Theory]
    [InlineData(Revocation.AccountDeletedWhileItsPasswordIsChecked)]
    [InlineData(Revocation.PasswordChangedWhileTheOldOneIsChecked)]
    [InlineData(Revocation.AppPasswordRevokedWhileItIsChecked)]
    [InlineData(Revocation.AccountDeletedWhileAnAppPasswordIsChecked)]
    public async Task A_request_that_joins_a_check_begun_before_a_revocation_is_refused_and_nothing_stays_cached(Revocation revocation)
    {
        Assert.Equal(StoreOutcome.Created, await _inner.CreateAccountAsync("alice", _hasher.Hash("account-password"), AccountSettings.Default));
        var appPassword = AppPasswordFormat.Create(out var appPasswordId);
        Assert.Equal(StoreOutcome.Created, await _inner.AddAppPasswordAsync("alice", appPasswordId, "phone", _hasher.Hash(appPassword)));
        var usesAppPassword = revocation is Revocation.AppPasswordRevokedWhileItIsChecked or Revocation.AccountDeletedWhileAnAppPasswordIsChecked;
        var password = usesAppPassword ? appPassword : "account-password";

        // The first request starts the shared slow check; its read of the stored hash completes and is held.
        var hold = _store.HoldNext(usesAppPassword ? nameof(IStore.GetAppPasswordAsync) : nameof(IStore.GetAccountAsync));
        var first = _verifier.VerifyAsync("alice", password);
        await hold.Read.WaitAsync(Guard);

        // The credential is revoked; the stored hash the check read is now stale.
        var outcome = revocation switch
        {
            Revocation.AccountDeletedWhileItsPasswordIsChecked or Revocation.AccountDeletedWhileAnAppPasswordIsChecked =>
                await _inner.DeleteAccountAsync("alice"),
            Revocation.PasswordChangedWhileTheOldOneIsChecked => await _inner.SetPasswordHashAsync("alice", _hasher.Hash("new-password")),
            _ => await _inner.RevokeAppPasswordAsync("alice", appPasswordId),
        };
        Assert.Equal(StoreOutcome.Ok, outcome);

        // A second request with the same credentials arrives after the revocation and joins the check in flight.
        var second = _verifier.VerifyAsync("alice", password);
        Assert.Equal(1, _verifier.SlowVerifications); // joined, did not start its own
        hold.Release();

        Assert.Null(await second.WaitAsync(Guard));
        await first.WaitAsync(Guard); // it arrived before the revocation: either answer is acceptable, but it must finish
        Assert.False(_cache.TryGet("alice", password, out _), "a revoked credential must not stay cached as verified");
        Assert.Null(await _verifier.VerifyAsync("alice", password));
    }
}
