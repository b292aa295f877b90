namespace AuroraTime.Storage.Contract;

/// <summary>
/// The result of a write on a resource: the outcome, the new entity tag when the write took effect,
/// and for <see cref="StoreOutcome.UidConflict"/> the href of the resource that already has the UID
/// (the CalDAV layer reports it in the no-uid-conflict element).
/// </summary>
public sealed record WriteResult(StoreOutcome Outcome, ETag? ETag = null, string? ConflictingHref = null)
{
    public bool IsSuccess => Outcome.IsSuccess();

    /// <summary>
    /// The planned firings this write removed in its own transaction: those of a replaced (PUT) or
    /// deleted object, or of a MOVE/COPY target it overwrote (a moved object's firings go with it and
    /// are not listed). An external timer deletes exactly these schedules; empty when none were planned.
    /// </summary>
    public IReadOnlyList<PendingReminder> ClearedReminders { get; init; } = [];

    public static WriteResult Of(StoreOutcome outcome) => new(outcome);

    public static WriteResult UidConflictWith(string existingHref) => new(StoreOutcome.UidConflict, null, existingHref);
}
