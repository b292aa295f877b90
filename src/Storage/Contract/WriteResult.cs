namespace AuroraTime.Storage.Contract;

/// <summary>
/// The result of a write on a resource: the outcome, the new entity tag when the write took effect,
/// and for <see cref="StoreOutcome.UidConflict"/> the href of the resource that already has the UID
/// (the CalDAV layer reports it in the no-uid-conflict element).
/// </summary>
public sealed record WriteResult(StoreOutcome Outcome, ETag? ETag = null, string? ConflictingHref = null)
{
    public bool IsSuccess => Outcome.IsSuccess();

    public static WriteResult Of(StoreOutcome outcome) => new(outcome);

    public static WriteResult UidConflictWith(string existingHref) => new(StoreOutcome.UidConflict, null, existingHref);
}
