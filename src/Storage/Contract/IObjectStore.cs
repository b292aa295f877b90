namespace AuroraTime.Storage.Contract;

/// <summary>
/// Resources inside collections. Every write is atomic with its change-log entry, and its
/// precondition and UID check are evaluated inside the same transaction.
/// </summary>
public interface IObjectStore
{
    Task<StoredObject?> GetObjectAsync(ObjectRef resource, CancellationToken cancellationToken = default);

    /// <summary>
    /// The named members that exist (calendar-multiget, RFC 4791 section 7.9), in one round trip;
    /// missing names are simply absent. At most <see cref="PageRequest.MaxLimit"/> names.
    /// </summary>
    Task<IReadOnlyList<StoredObject>> GetObjectsAsync(CollectionRef collection, IReadOnlyCollection<string> hrefs, CancellationToken cancellationToken = default);

    /// <summary>Members without their bytes, ordered by href (PROPFIND Depth 1). Empty for a missing collection.</summary>
    Task<Page<ObjectSummary>> ListObjectsAsync(CollectionRef collection, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Candidates for a calendar-query time-range filter, with their bytes, ordered by href:
    /// (first IS NULL OR first &lt;= end) AND (last IS NULL OR last &gt;= start). Never the exact answer.
    /// </summary>
    Task<Page<StoredObject>> FindObjectsInRangeAsync(CollectionRef collection, TimeRangeQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The href holding this UID in the collection, or null.</summary>
    Task<string?> FindHrefByUidAsync(CollectionRef collection, string uid, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a resource (PUT).</summary>
    /// <returns>
    /// Created or Updated with the new ETag; NotFound (no such collection); PreconditionFailed;
    /// UidConflict with the href already holding the UID; TooLarge.
    /// </returns>
    Task<WriteResult> PutObjectAsync(ObjectRef resource, ObjectContent content, WritePrecondition precondition, CancellationToken cancellationToken = default);

    /// <returns>Ok (leaves a tombstone in the change log); NotFound; PreconditionFailed.</returns>
    Task<WriteResult> DeleteObjectAsync(ObjectRef resource, WritePrecondition precondition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a resource with its dead properties to another name or collection of the same account
    /// (RFC 4918 section 9.9), atomically with a tombstone at the source and a change at the target.
    /// <paramref name="targetPrecondition"/> applies to the target: IfNoneMatchAny is "Overwrite: F".
    /// </summary>
    /// <returns>Created or Updated (target replaced); NotFound (no source); ParentNotFound (no target collection);
    /// PreconditionFailed; UidConflict; SameSourceAndTarget.</returns>
    /// <exception cref="ArgumentException">Source and target belong to different accounts.</exception>
    Task<WriteResult> MoveObjectAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, CancellationToken cancellationToken = default);

    /// <summary>Copies a resource with its dead properties (RFC 4918 section 9.8); outcomes as for <see cref="MoveObjectAsync"/>.</summary>
    /// <exception cref="ArgumentException">Source and target belong to different accounts.</exception>
    Task<WriteResult> CopyObjectAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, CancellationToken cancellationToken = default);
}
