namespace AuroraTime.Storage.Contract;

/// <summary>
/// The latest state of one member since a token: changed (created or modified) or deleted. Member
/// collections appear with a trailing '/' in <see cref="Href"/>.
/// </summary>
public sealed record MemberChange(string Href, bool IsDeleted);

/// <summary>
/// The answer to "what changed since token" (RFC 6578 section 3.2). <see cref="Token"/> is the
/// position reached: the collection's current token, or when <see cref="MoreRemain"/> is set (the
/// limit truncated the answer, RFC 6578 section 3.6) the position after the last change returned, so
/// the client continues from there.
/// </summary>
public sealed record ChangeSet(StoreOutcome Outcome, IReadOnlyList<MemberChange> Changes, SyncToken? Token, bool MoreRemain)
{
    public static ChangeSet Failed(StoreOutcome outcome) => new(outcome, [], null, false);
}

/// <summary>A PROPPATCH instruction for one dead property: set it to <see cref="Value"/>, or remove it when null.</summary>
/// <param name="Name">Clark notation: <c>{namespace}local-name</c>.</param>
/// <param name="Value">The property element serialised as an XML fragment, stored verbatim.</param>
public sealed record DeadPropertyChange(string Name, string? Value)
{
    public static DeadPropertyChange Set(string name, string value) => new(name, value);

    public static DeadPropertyChange Remove(string name) => new(name, null);
}
