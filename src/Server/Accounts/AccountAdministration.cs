using AuroraTime.Server.Auth;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Accounts;

/// <summary>
/// Account and app password management on top of the store, used by the CLI (and later the REST
/// API). Hashing happens here; the store only keeps hashes. Every change of a credential calls
/// <see cref="CredentialsChanged"/> so an in-process sign-in cache forgets that user at once.
/// </summary>
public sealed class AccountAdministration(IStore store, PasswordHasher hasher)
{
    /// <summary>Raised with the user name after a password change, app password revocation or deletion.</summary>
    public event Action<string>? CredentialsChanged;

    /// <summary>Creates an account; with a null password one is generated and returned.</summary>
    public async Task<AdminResult> CreateUserAsync(string userName, string? password, CancellationToken cancellationToken = default)
    {
        if (CheckUserName(userName) is { } invalid)
        {
            return invalid;
        }
        var generated = password is null ? SecretGenerator.Password() : null;
        if (password is not null && AccountNames.CheckPassword(password) is { } weak)
        {
            return AdminResult.Fail(weak);
        }
        var outcome = await store.CreateAccountAsync(userName, hasher.Hash(password ?? generated!), AccountSettings.Default, cancellationToken);
        return outcome == StoreOutcome.AlreadyExists
            ? AdminResult.Fail($"user '{userName}' already exists")
            : AdminResult.Success(generated);
    }

    /// <summary>Sets a new password; with a null password one is generated and returned.</summary>
    public async Task<AdminResult> SetPasswordAsync(string userName, string? password, CancellationToken cancellationToken = default)
    {
        if (CheckUserName(userName) is { } invalid)
        {
            return invalid;
        }
        var generated = password is null ? SecretGenerator.Password() : null;
        if (password is not null && AccountNames.CheckPassword(password) is { } weak)
        {
            return AdminResult.Fail(weak);
        }
        var outcome = await store.SetPasswordHashAsync(userName, hasher.Hash(password ?? generated!), cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            return NoSuchUser(userName);
        }
        CredentialsChanged?.Invoke(userName);
        return AdminResult.Success(generated);
    }

    public async Task<AdminResult> DeleteUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        if (CheckUserName(userName) is { } invalid)
        {
            return invalid;
        }
        if (await store.DeleteAccountAsync(userName, cancellationToken) == StoreOutcome.NotFound)
        {
            return NoSuchUser(userName);
        }
        CredentialsChanged?.Invoke(userName);
        return AdminResult.Success(null);
    }

    /// <summary>Mints an app password; the result's secret is the only time it is ever shown.</summary>
    public async Task<AdminResult> CreateAppPasswordAsync(string userName, string label, CancellationToken cancellationToken = default)
    {
        if (CheckUserName(userName) is { } invalid)
        {
            return invalid;
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var secret = AppPasswordFormat.Create(out var id);
            var outcome = await store.AddAppPasswordAsync(userName, id, label, PasswordHasher.HashGeneratedSecret(secret), cancellationToken);
            switch (outcome)
            {
                case StoreOutcome.NotFound:
                    return NoSuchUser(userName);
                case StoreOutcome.AlreadyExists:
                    continue; // 32-bit id collision: draw again.
                default:
                    return AdminResult.Success(secret, id);
            }
        }
        return AdminResult.Fail("could not find a free app password id");
    }

    /// <summary>All app passwords of the account (null when there is no such account).</summary>
    public async Task<IReadOnlyList<AppPassword>?> ListAppPasswordsAsync(string userName, CancellationToken cancellationToken = default)
    {
        if (!AccountNames.IsValidUserName(userName) || await store.GetAccountAsync(userName, cancellationToken) is null)
        {
            return null;
        }
        var all = new List<AppPassword>();
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await store.ListAppPasswordsAsync(userName, page, cancellationToken);
            all.AddRange(result.Items);
            page = result.NextRequest(PageRequest.MaxLimit);
        }
        return all;
    }

    public async Task<AdminResult> RevokeAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        if (CheckUserName(userName) is { } invalid)
        {
            return invalid;
        }
        if (await store.RevokeAppPasswordAsync(userName, id, cancellationToken) == StoreOutcome.NotFound)
        {
            return AdminResult.Fail($"user '{userName}' has no app password '{id}'");
        }
        CredentialsChanged?.Invoke(userName);
        return AdminResult.Success(null);
    }

    /// <summary>
    /// On a store without accounts, creates <c>admin</c> with a generated password and returns it;
    /// otherwise null. Called by <c>aurora serve</c> so a fresh data folder is usable at once.
    /// </summary>
    public async Task<string?> EnsureFirstAccountAsync(CancellationToken cancellationToken = default)
    {
        var existing = await store.ListAccountsAsync(PageRequest.First(1), cancellationToken);
        if (existing.Items.Count > 0)
        {
            return null;
        }
        var result = await CreateUserAsync("admin", null, cancellationToken);
        // Another process may have created it in between: then its password was printed there.
        return result.Ok ? result.Secret : null;
    }

    private static AdminResult? CheckUserName(string userName) =>
        AccountNames.IsValidUserName(userName)
            ? null
            : AdminResult.Fail($"'{userName}' is not a valid user name (letters, digits and . _ - @ +, at most {AccountNames.MaxUserNameLength})");

    private static AdminResult NoSuchUser(string userName) => AdminResult.Fail($"no user '{userName}'");
}

/// <summary>The result of an administrative action: success with an optional one-time secret, or an error message.</summary>
public sealed record AdminResult(bool Ok, string? Secret, string? Id, string? Error)
{
    public static AdminResult Success(string? secret, string? id = null) => new(true, secret, id, null);

    public static AdminResult Fail(string error) => new(false, null, null, error);
}
