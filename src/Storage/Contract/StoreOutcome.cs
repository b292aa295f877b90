namespace AuroraTime.Storage.Contract;

/// <summary>
/// What a store operation did, as a domain result. Expected cases (missing resource, failed
/// precondition, UID clash...) are outcomes, never exceptions and never HTTP codes; the protocol
/// layer maps them in one place.
/// </summary>
public enum StoreOutcome
{
    /// <summary>Done; nothing was created (read-modify, delete, revoke...).</summary>
    Ok,

    /// <summary>A new resource, account or record was created.</summary>
    Created,

    /// <summary>An existing resource was replaced.</summary>
    Updated,

    /// <summary>The addressed account, collection or resource does not exist.</summary>
    NotFound,

    /// <summary>An If-Match / If-None-Match condition was false; nothing was written.</summary>
    PreconditionFailed,

    /// <summary>Another resource in the same collection has the same UID (RFC 4791 section 5.3.2.1, no-uid-conflict).</summary>
    UidConflict,

    /// <summary>The content is larger than the store accepts (RFC 4791 max-resource-size).</summary>
    TooLarge,

    /// <summary>Something with this name or id already exists.</summary>
    AlreadyExists,

    /// <summary>The collection that should contain the target does not exist (RFC 4918 section 9.3.1, 409 for MKCOL).</summary>
    ParentNotFound,

    /// <summary>The sync token is unknown, from another collection incarnation, or older than the pruning floor (RFC 6578 section 3.2).</summary>
    InvalidSyncToken,

    /// <summary>A move or copy names the same resource as source and target (RFC 4918 section 9.8.5, 403).</summary>
    SameSourceAndTarget,
}

public static class StoreOutcomeExtensions
{
    /// <summary>True for outcomes after which the write took effect.</summary>
    public static bool IsSuccess(this StoreOutcome outcome) =>
        outcome is StoreOutcome.Ok or StoreOutcome.Created or StoreOutcome.Updated;
}
