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
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> DeleteCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default);
}
