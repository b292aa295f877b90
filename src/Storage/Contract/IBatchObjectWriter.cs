namespace AuroraTime.Storage.Contract;

/// <summary>One calendar object write of a batch: what <see cref="IObjectStore.PutObjectAsync"/> takes.</summary>
public sealed record ObjectWrite(ObjectRef Resource, ObjectContent Content, WritePrecondition Precondition);

/// <summary>
/// A store that can write many objects in one transaction, for bulk loads (<c>aurora import</c>): one
/// commit per batch instead of one per object. Optional: callers fall back to one
/// <see cref="IObjectStore.PutObjectAsync"/> per object on stores without it.
/// </summary>
public interface IBatchObjectWriter
{
    /// <summary>
    /// Writes all of <paramref name="writes"/> or none. Each item is checked exactly as a single
    /// PutObjectAsync would check it (precondition, UID uniqueness, size), in order, so a later item sees
    /// the earlier ones. When every item succeeds the batch is committed; otherwise nothing is kept.
    /// </summary>
    /// <returns>One result per item, in order. With any failure, the successes among them were rolled back too.</returns>
    Task<IReadOnlyList<WriteResult>> PutObjectsAsync(IReadOnlyList<ObjectWrite> writes, CancellationToken cancellationToken = default);
}
