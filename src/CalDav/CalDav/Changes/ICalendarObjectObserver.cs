using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav.Changes;

/// <summary>
/// Hears about resources that CalDAV requests changed, after the store committed them (reminder
/// planning, feeds). Register any number as <c>ICalendarObjectObserver</c> singletons before
/// <c>AddCalDav</c>'s service is first resolved; none are registered by default.
/// </summary>
/// <remarks>
/// Calls happen on the request's path, in order, after the write is durable. An observer that
/// throws is logged and skipped: the client's request still succeeds, because its write is already
/// committed and answering with an error would make the client retry a change that happened.
/// Observers must therefore be able to catch up on their own (e.g. by re-reading the store).
/// </remarks>
public interface ICalendarObjectObserver
{
    /// <summary>A resource was written (PUT, COPY/MOVE target) or deleted (DELETE, MOVE source).</summary>
    Task ObjectChangedAsync(CalendarObjectChange change, CancellationToken cancellationToken);

    /// <summary>
    /// A collection and everything in it is gone (DELETE, the source of a collection MOVE, or a
    /// collection replaced by an overwriting COPY/MOVE). No per-object Deleted calls are made for it.
    /// </summary>
    /// <param name="clearedReminders">The planned firings the store removed with it, each with its own object (which
    /// may sit in a nested collection): of a DELETE, or of a collection or object an overwriting COPY/MOVE
    /// replaced; empty for a MOVE source (its firings go with its objects).</param>
    Task CollectionDeletedAsync(string account, string collectionPath, IReadOnlyList<DueReminder> clearedReminders, CancellationToken cancellationToken);
}

public enum CalendarObjectChangeKind
{
    Written,
    Deleted,
}

/// <summary>One committed change of a resource.</summary>
/// <param name="Kind">Written (created or replaced) or Deleted.</param>
/// <param name="Account">The account (user name) owning the collection.</param>
/// <param name="CollectionPath">The collection's path in the account home ("work", "litmus/sub").</param>
/// <param name="Href">The resource's decoded name inside the collection.</param>
/// <param name="IsCalendarCollection">True when the collection is a calendar (RFC 4791 section 4.2), so Data is iCalendar.</param>
/// <param name="ETag">The new entity tag (quoted) for Written; null for Deleted.</param>
/// <param name="Data">The stored bytes for Written; empty for Deleted.</param>
public sealed record CalendarObjectChange(
    CalendarObjectChangeKind Kind,
    string Account,
    string CollectionPath,
    string Href,
    bool IsCalendarCollection,
    string? ETag,
    ReadOnlyMemory<byte> Data)
{
    /// <summary>
    /// The planned reminder firings the store removed in the same write (<see cref="WriteResult.ClearedReminders"/>):
    /// of the replaced or deleted version, or of an overwritten MOVE/COPY target.
    /// </summary>
    public IReadOnlyList<PendingReminder> ClearedReminders { get; init; } = [];

    /// <summary>
    /// For the target of a MOVE (of the object or of a collection holding it): the collection path the
    /// object came from, in the same account; null for any other write. The store carried its planned
    /// firings along, and a timer named after the old calendar must be replaced.
    /// </summary>
    public string? MovedFromCollectionPath { get; init; }
}
