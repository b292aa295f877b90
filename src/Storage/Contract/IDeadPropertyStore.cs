namespace AuroraTime.Storage.Contract;

/// <summary>
/// Dead properties (RFC 4918 section 4.1): arbitrary client XML stored verbatim on any collection or
/// resource, set and removed by PROPPATCH, kept by MOVE and COPY, removed with the resource.
/// </summary>
public interface IDeadPropertyStore
{
    /// <param name="resource">Null for the collection itself.</param>
    /// <returns>Clark name -> XML fragment; null when the collection or resource does not exist.</returns>
    Task<IReadOnlyDictionary<string, string>?> GetDeadPropertiesAsync(CollectionRef collection, string? resource, CancellationToken cancellationToken = default);

    /// <summary>Applies all changes or none (PROPPATCH is atomic, RFC 4918 section 9.2).</summary>
    /// <returns>Ok, or NotFound.</returns>
    Task<StoreOutcome> PatchDeadPropertiesAsync(CollectionRef collection, string? resource, IReadOnlyList<DeadPropertyChange> changes, CancellationToken cancellationToken = default);
}
