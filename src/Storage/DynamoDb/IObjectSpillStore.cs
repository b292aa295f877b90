namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// Where bodies too large for a DynamoDB item go (S3 in production: <see cref="S3ObjectSpillStore"/>).
/// The item keeps the key and the returned entity tag, and a read checks that tag, so an item never
/// silently pairs with other bytes.
/// </summary>
public interface IObjectSpillStore
{
    /// <returns>The stored object's entity tag as the spill store reports it.</returns>
    Task<string> PutAsync(string key, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <exception cref="InvalidDataException">The object is missing or its tag differs from <paramref name="expectedTag"/>.</exception>
    Task<byte[]> GetAsync(string key, string expectedTag, CancellationToken cancellationToken);

    /// <summary>Removes the object; a missing one is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
