namespace AuroraTime.Storage.Contract;

/// <summary>
/// An If-Match or If-None-Match condition (RFC 9110 sections 13.1.1 and 13.1.2) that the store
/// evaluates inside the same transaction as the write, so no other writer can slip in between the
/// check and the write (the lost-update problem, RFC 9110 section 13.1).
/// </summary>
public sealed class WritePrecondition
{
    private readonly ETag[]? _tags;

    private WritePrecondition(PreconditionKind kind, ETag[]? tags)
    {
        Kind = kind;
        _tags = tags;
    }

    public PreconditionKind Kind { get; }

    /// <summary>The listed tags; empty for "*" and for <see cref="None"/>.</summary>
    public IReadOnlyList<ETag> Tags => _tags ?? [];

    /// <summary>True when the header was "*".</summary>
    public bool IsAny => _tags is null && Kind != PreconditionKind.None;

    /// <summary>No condition: the write always proceeds.</summary>
    public static WritePrecondition None { get; } = new(PreconditionKind.None, null);

    /// <summary>If-Match: * (the resource must exist).</summary>
    public static WritePrecondition IfMatchAny { get; } = new(PreconditionKind.IfMatch, null);

    /// <summary>If-None-Match: * (the resource must not exist; create only).</summary>
    public static WritePrecondition IfNoneMatchAny { get; } = new(PreconditionKind.IfNoneMatch, null);

    /// <summary>If-Match with a list of tags: the current tag must be one of them.</summary>
    public static WritePrecondition IfMatch(params ETag[] tags) =>
        tags.Length == 0 ? throw new ArgumentException("If-Match needs at least one tag.", nameof(tags)) : new(PreconditionKind.IfMatch, tags);

    /// <summary>If-None-Match with a list of tags: the current tag must be none of them.</summary>
    public static WritePrecondition IfNoneMatch(params ETag[] tags) =>
        tags.Length == 0 ? throw new ArgumentException("If-None-Match needs at least one tag.", nameof(tags)) : new(PreconditionKind.IfNoneMatch, tags);

    /// <summary>
    /// Evaluates the condition against the current tag (null when the resource does not exist).
    /// RFC 9110 13.1.1: If-Match is false when there is no current representation;
    /// RFC 9110 13.1.2: If-None-Match "*" is false when one exists.
    /// </summary>
    public bool IsSatisfiedBy(ETag? current) => Kind switch
    {
        PreconditionKind.None => true,
        PreconditionKind.IfMatch => current is { } tag && (_tags is null || Array.IndexOf(_tags, tag) >= 0),
        PreconditionKind.IfNoneMatch => current is not { } present || (_tags is not null && Array.IndexOf(_tags, present) < 0),
        _ => false,
    };

    public override string ToString() => Kind == PreconditionKind.None
        ? "none"
        : $"{Kind}: {(IsAny ? "*" : string.Join(", ", Tags.Select(t => t.Quoted)))}";
}

public enum PreconditionKind
{
    None,
    IfMatch,
    IfNoneMatch,
}
