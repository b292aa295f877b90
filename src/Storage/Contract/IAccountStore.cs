namespace AuroraTime.Storage.Contract;

/// <summary>Accounts, their app passwords and their feed links.</summary>
public interface IAccountStore
{
    /// <returns>Created, or AlreadyExists.</returns>
    Task<StoreOutcome> CreateAccountAsync(string userName, string passwordHash, AccountSettings settings, CancellationToken cancellationToken = default);

    Task<Account?> GetAccountAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Accounts ordered by user name.</summary>
    Task<Page<Account>> ListAccountsAsync(PageRequest page, CancellationToken cancellationToken = default);

    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken = default);

    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> UpdateAccountSettingsAsync(string userName, AccountSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Deletes the account and everything it owns.</summary>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default);

    /// <returns>Created, NotFound (no such account), or AlreadyExists (id taken for this account).</returns>
    Task<StoreOutcome> AddAppPasswordAsync(string userName, string id, string label, string hash, CancellationToken cancellationToken = default);

    Task<AppPassword?> GetAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default);

    /// <summary>App passwords of one account ordered by id.</summary>
    Task<Page<AppPassword>> ListAppPasswordsAsync(string userName, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Records a successful sign-in with the app password at the store clock's now.</summary>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> RecordAppPasswordUseAsync(string userName, string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes the app password: it stops working at once.</summary>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> RevokeAppPasswordAsync(string userName, string id, CancellationToken cancellationToken = default);

    /// <param name="collectionPath">The published calendar, or null for all calendars of the account.</param>
    /// <returns>Created, NotFound (no such account), or AlreadyExists (token id taken).</returns>
    Task<StoreOutcome> CreateFeedLinkAsync(string tokenId, string userName, string? collectionPath, FeedScope scope, CancellationToken cancellationToken = default);

    /// <summary>Looks a link up by its token id alone (the feed URL carries no user name). Revoked links are returned too.</summary>
    Task<FeedLink?> GetFeedLinkAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>Feed links of one account ordered by token id, revoked ones included.</summary>
    Task<Page<FeedLink>> ListFeedLinksAsync(string userName, PageRequest page, CancellationToken cancellationToken = default);

    /// <returns>Ok (also when already revoked), or NotFound.</returns>
    Task<StoreOutcome> RevokeFeedLinkAsync(string userName, string tokenId, CancellationToken cancellationToken = default);
}
