namespace AuroraTime.Storage.Contract;

/// <summary>
/// The whole store contract. It is written so it maps onto SQLite and onto one DynamoDB table:
/// no query language in it, every listing paged, every write a conditional write that also appends
/// its change-log entry (one SQLite transaction, one TransactWriteItems call).
/// Expected cases come back as <see cref="StoreOutcome"/>s (or null for a missing read). Only
/// arguments that break the documented rules (invalid names per <see cref="ResourceNames"/>, page
/// limits outside 1..<see cref="PageRequest.MaxLimit"/>, null arguments, a move across accounts) throw,
/// with <see cref="ArgumentException"/> or a subclass. See DynamoDbMapping.md for the second backend.
/// </summary>
public interface IStore : IAccountStore, ICollectionStore, IObjectStore, IChangeLogStore, IDeadPropertyStore, IReminderStore, IAsyncDisposable
{
    /// <summary>The limits this store enforces, advertised by the protocol layer (max-resource-size).</summary>
    StoreLimits Limits { get; }
}

/// <param name="MaxObjectSize">Bytes; larger content is refused with TooLarge.</param>
public sealed record StoreLimits(int MaxObjectSize = 10 * 1024 * 1024)
{
    public static StoreLimits Default { get; } = new();
}
