namespace AuroraTime.Storage.Contract;

/// <summary>Calendars and plain WebDAV collections inside an account home.</summary>
public interface ICollectionStore
{
    /// <summary>
    /// Creates a collection (MKCOL, RFC 4918 section 9.3; MKCALENDAR, RFC 4791 section 5.3.1). A nested
    /// collection is also recorded as a change of its parent collection.
    /// </summary>
    /// <returns>Created; NotFound (no such account); ParentNotFound; AlreadyExists (a collection or resource has that name).</returns>
    Task<StoreOutcome> CreateCollectionAsync(CollectionRef collection, CollectionKind kind, CollectionProperties properties, CancellationToken cancellationToken = default);

    Task<StoredCollection?> GetCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default);

    /// <summary>The direct child collections of <paramref name="parentPath"/> (null = the home), ordered by path.</summary>
    Task<Page<StoredCollection>> ListCollectionsAsync(string userName, string? parentPath, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Replaces the collection's live properties (PROPPATCH).</summary>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> UpdateCollectionPropertiesAsync(CollectionRef collection, CollectionProperties properties, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the collection with all members and nested collections (RFC 4918 section 9.6.1). Its change
    /// log goes with it (tokens of it become invalid); a nested collection leaves a tombstone in its parent's log.
    /// </summary>
    /// <param name="clearedReminders">When given, receives the planned firings of every object the delete removed,
    /// each with its own object (a nested calendar's firings name that calendar, not the deleted root), so an
    /// external timer can delete exactly their schedules.</param>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> DeleteCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default, ICollection<DueReminder>? clearedReminders = null);

    /// <summary>
    /// Moves a collection with everything in it to another path of the same account (RFC 4918 section
    /// 9.9, Depth infinity). An existing target (collection or resource) is replaced only when
    /// <paramref name="overwrite"/> is set (the Overwrite header, section 10.6).
    /// </summary>
    /// <param name="clearedReminders">When given, receives the planned firings of the objects in a replaced
    /// target collection tree, or of a replaced target object, each with its own object (as
    /// <see cref="DeleteCollectionAsync"/> reports them); the moved objects' firings go with them and are not listed.</param>
    /// <returns>Created, or Updated (target replaced); NotFound (no source); ParentNotFound;
    /// PreconditionFailed (target exists, no overwrite); SameSourceAndTarget (target is the source or inside it).</returns>
    /// <exception cref="ArgumentException">Source and target belong to different accounts.</exception>
    Task<StoreOutcome> MoveCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null);

    /// <summary>
    /// Copies a collection with all members, nested collections and dead properties (RFC 4918 section
    /// 9.8, Depth infinity). The copies are new collections with their own change logs. Planned
    /// reminders are not copied: the planner plans the copies. Outcomes as for <see cref="MoveCollectionAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Source and target belong to different accounts.</exception>
    /// <param name="clearedReminders">As for <see cref="MoveCollectionAsync"/>: the firings of a replaced target tree or object.</param>
    Task<StoreOutcome> CopyCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null);
}
