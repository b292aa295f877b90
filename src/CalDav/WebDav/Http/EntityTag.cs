namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>An HTTP entity tag (RFC 9110 section 8.8.3): an opaque quoted string, maybe weak.</summary>
public readonly record struct EntityTag(string Opaque, bool IsWeak = false)
{
    /// <summary>The header form: <c>"x"</c> or <c>W/"x"</c>.</summary>
    public override string ToString() => IsWeak ? $"W/\"{Opaque}\"" : $"\"{Opaque}\"";

    /// <summary>Strong comparison (RFC 9110 section 8.8.3.2): both strong and identical.</summary>
    public bool StrongEquals(EntityTag other) => !IsWeak && !other.IsWeak && Opaque == other.Opaque;

    /// <summary>Weak comparison (RFC 9110 section 8.8.3.2): identical opaque parts.</summary>
    public bool WeakEquals(EntityTag other) => Opaque == other.Opaque;

    /// <summary>
    /// Parses a comma-separated list of entity tags, or <c>*</c> (returned as <paramref name="isAny"/>).
    /// Returns false when the header is not well formed.
    /// </summary>
    public static bool TryParseList(string header, out List<EntityTag> tags, out bool isAny)
    {
        tags = [];
        isAny = false;
        var text = header.AsSpan().Trim();
        if (text.SequenceEqual("*"))
        {
            isAny = true;
            return true;
        }
        while (true)
        {
            text = text.TrimStart();
            if (text.IsEmpty)
            {
                return tags.Count > 0;
            }
            if (!TryParseOne(ref text, out var tag))
            {
                return false;
            }
            tags.Add(tag);
            text = text.TrimStart();
            if (text.IsEmpty)
            {
                return true;
            }
            if (text[0] != ',')
            {
                return false;
            }
            text = text[1..];
        }
    }

    /// <summary>Parses one tag at the start of <paramref name="text"/> and advances past it.</summary>
    internal static bool TryParseOne(ref ReadOnlySpan<char> text, out EntityTag tag)
    {
        tag = default;
        var weak = false;
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            weak = true;
            text = text[2..];
        }
        if (text.IsEmpty || text[0] != '"')
        {
            return false;
        }
        var end = text[1..].IndexOf('"');
        if (end < 0)
        {
            return false;
        }
        tag = new EntityTag(text.Slice(1, end).ToString(), weak);
        text = text[(end + 2)..];
        return true;
    }
}
