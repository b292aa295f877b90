using AuroraTime.Server.Accounts;
using AuroraTime.Server.Auth;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Aws.Cognito;

/// <summary>
/// Maps a Cognito user to an AuroraTime account of the same name, created on first sign-in. The
/// Cognito user name (not the e-mail alias) is immutable, so it is a stable key; it must also be a
/// valid account name, because it becomes the CalDAV user name that app passwords sign in with.
/// </summary>
public sealed class CognitoAccounts(IStore store, PasswordHasher hasher)
{
    /// <summary>The account name, or null when the Cognito user name cannot be one.</summary>
    public async Task<string?> EnsureAccountAsync(string cognitoUserName, CancellationToken cancellationToken)
    {
        if (!AccountNames.IsValidUserName(cognitoUserName))
        {
            return null;
        }
        if (await store.GetAccountAsync(cognitoUserName, cancellationToken) is null)
        {
            // The account password is a random secret nobody sees: Cognito users sign in to CalDAV
            // with app passwords minted after a Cognito sign-in. AlreadyExists means a parallel
            // first request created it, which is just as good.
            await store.CreateAccountAsync(cognitoUserName, hasher.Hash(SecretGenerator.Password()), AccountSettings.Default, cancellationToken);
        }
        return cognitoUserName;
    }
}
