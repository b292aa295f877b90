namespace AuroraTime.Storage.Contract;

/// <summary>
/// Checks the names that address stored things. The protocol layer decodes URL segments before
/// calling the store; a name that breaks these rules is a programming error in that layer, so it is
/// reported with <see cref="ArgumentException"/> (the only exception the contract documents for input).
/// </summary>
public static class ResourceNames
{
    public const int MaxSegmentLength = 255;
    public const int MaxDepth = 16;

    /// <summary>A single path segment: non-empty, no '/', no control characters, not "." or "..".</summary>
    public static bool IsValidSegment(string? segment) =>
        !string.IsNullOrEmpty(segment)
        && segment.Length <= MaxSegmentLength
        && segment is not "." and not ".."
        && !segment.Any(c => c == '/' || char.IsControl(c));

    /// <summary>A collection path relative to the account home: segments joined by '/', no leading or trailing '/'.</summary>
    public static bool IsValidCollectionPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var segments = path.Split('/');
        return segments.Length <= MaxDepth && segments.All(IsValidSegment);
    }

    internal static string CheckUserName(string userName, string parameter = "userName") =>
        IsValidSegment(userName) ? userName : throw new ArgumentException($"Invalid user name '{userName}'.", parameter);

    internal static string CheckHref(string href, string parameter = "href") =>
        IsValidSegment(href) ? href : throw new ArgumentException($"Invalid resource name '{href}'.", parameter);
}

/// <summary>
/// Addresses a collection: the account and the collection's path inside the account home
/// ("work", or "litmus/sub" for nested plain WebDAV collections).
/// </summary>
public sealed record CollectionRef
{
    public CollectionRef(string userName, string path)
    {
        UserName = ResourceNames.CheckUserName(userName);
        Path = ResourceNames.IsValidCollectionPath(path) ? path : throw new ArgumentException($"Invalid collection path '{path}'.", nameof(path));
    }

    public string UserName { get; }

    public string Path { get; }

    /// <summary>The containing collection's path, or null when the parent is the account home.</summary>
    public string? ParentPath => Path.LastIndexOf('/') is var i and > 0 ? Path[..i] : null;

    /// <summary>The last segment of the path.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    public CollectionRef Child(string name) => new(UserName, Path + "/" + name);

    public ObjectRef Object(string href) => new(this, href);

    public override string ToString() => $"{UserName}:/{Path}/";
}

/// <summary>Addresses a resource (calendar object or plain file) by its name inside a collection.</summary>
public sealed record ObjectRef
{
    public ObjectRef(CollectionRef collection, string href)
    {
        Collection = collection ?? throw new ArgumentNullException(nameof(collection));
        Href = ResourceNames.CheckHref(href);
    }

    public CollectionRef Collection { get; }

    /// <summary>The member name inside the collection, decoded (e.g. "6f1c...ics").</summary>
    public string Href { get; }

    public override string ToString() => $"{Collection}{Href}";
}
