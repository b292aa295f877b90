namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>
/// A path inside the DAV tree, relative to the mount point: decoded segments plus their href
/// spelling. Equality compares decoded names only, so "/a%40b" and "/a@b" are the same resource.
/// </summary>
public sealed class DavPath : IEquatable<DavPath>
{
    private readonly DavSegment[] _segments;

    private DavPath(DavSegment[] segments) => _segments = segments;

    public static DavPath Root { get; } = new([]);

    public IReadOnlyList<DavSegment> Segments => _segments;

    public bool IsRoot => _segments.Length == 0;

    /// <summary>The last segment; throws for the root.</summary>
    public DavSegment Last => IsRoot ? throw new InvalidOperationException("The root has no name.") : _segments[^1];

    /// <summary>The parent path, or null for the root.</summary>
    public DavPath? Parent => IsRoot ? null : new DavPath(_segments[..^1]);

    public DavPath Append(DavSegment segment) => new([.. _segments, segment]);

    /// <summary>True when this path is <paramref name="other"/> or one of its ancestors.</summary>
    public bool IsSelfOrAncestorOf(DavPath other)
    {
        if (other._segments.Length < _segments.Length)
        {
            return false;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i].Name != other._segments[i].Name)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Parses a raw (still percent-encoded) absolute path. Empty segments from doubled or
    /// trailing slashes are dropped. Returns false on undecodable segments and on "." or "..".
    /// </summary>
    public static bool TryParse(string rawPath, out DavPath path)
    {
        path = Root;
        var segments = new List<DavSegment>();
        foreach (var raw in rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DavSegment.TryDecode(raw, out var segment) || segment.Name is "." or "..")
            {
                return false;
            }
            segments.Add(segment);
        }
        path = new DavPath([.. segments]);
        return true;
    }

    /// <summary>Removes the leading segments of <paramref name="prefix"/>; null if not under it.</summary>
    public DavPath? RelativeTo(DavPath prefix) =>
        prefix.IsSelfOrAncestorOf(this) ? new DavPath(_segments[prefix._segments.Length..]) : null;

    /// <summary>The href form under a mount point given as an encoded absolute path ("" for root).</summary>
    public string ToHref(string encodedBase, bool isCollection)
    {
        // Exact length first, then one string: a PROPFIND or REPORT asks this once per member.
        var root = encodedBase.AsSpan().TrimEnd('/');
        var length = root.Length + 1 + Math.Max(0, _segments.Length - 1);
        foreach (var segment in _segments)
        {
            length += segment.Encoded.Length;
        }
        var lastIsSlash = _segments.Length == 0 || _segments[^1].Encoded.EndsWith('/');
        var trailing = isCollection && !lastIsSlash;
        if (trailing)
        {
            length++;
        }
        Span<char> href = length <= 512 ? stackalloc char[length] : new char[length];
        root.CopyTo(href);
        var at = root.Length;
        href[at++] = '/';
        for (var i = 0; i < _segments.Length; i++)
        {
            if (i > 0)
            {
                href[at++] = '/';
            }
            _segments[i].Encoded.CopyTo(href[at..]);
            at += _segments[i].Encoded.Length;
        }
        if (trailing)
        {
            href[at] = '/';
        }
        return new string(href);
    }

    public bool Equals(DavPath? other) =>
        other is not null && other._segments.Length == _segments.Length && IsSelfOrAncestorOf(other);

    public override bool Equals(object? obj) => Equals(obj as DavPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in _segments)
        {
            hash.Add(segment.Name, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => ToHref("", isCollection: false);
}
