namespace AuroraTime.Storage.Contract;

/// <summary>
/// A bounded slice of a listing. <paramref name="After"/> is the opaque continuation from the previous
/// <see cref="Page{T}"/> (a key for SQLite, an encoded LastEvaluatedKey for DynamoDB); null starts at
/// the beginning. Listings are ordered by name so pages are stable under concurrent writes.
/// </summary>
public sealed record PageRequest(int Limit, string? After = null)
{
    public const int MaxLimit = 1000;

    public static PageRequest First(int limit) => new(limit);

    internal int CheckedLimit => Limit is >= 1 and <= MaxLimit
        ? Limit
        : throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A page holds 1 to {MaxLimit} items.");
}

/// <summary>
/// One page of results; <see cref="Next"/> is null on the last page. A page may hold fewer than the
/// requested limit (even none) while more remain (DynamoDB stops a Query at 1 MB read), so callers
/// loop until <see cref="Next"/> is null rather than until a short page.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next)
{
    public bool HasMore => Next is not null;

    public PageRequest? NextRequest(int limit) => Next is null ? null : new PageRequest(limit, Next);
}
