using System.Security.Cryptography;

namespace AuroraTime.Storage.Contract;

/// <summary>
/// A strong entity tag (RFC 9110 section 8.8.3) computed by the store from a resource's bytes, so
/// equal bytes always give equal tags in every backend and a tag never drifts from the content.
/// <see cref="Value"/> is the opaque part; <see cref="Quoted"/> is the header form, decided here only.
/// </summary>
public readonly record struct ETag
{
    private ETag(string value) => Value = value;

    /// <summary>The opaque tag without quotes: lower-case hex of the first 16 bytes of SHA-256.</summary>
    public string Value { get; }

    /// <summary>The form used in ETag headers and DAV:getetag: the value in double quotes.</summary>
    public string Quoted => "\"" + Value + "\"";

    /// <summary>The tag of these bytes.</summary>
    public static ETag FromContent(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return new ETag(Convert.ToHexStringLower(hash[..16]));
    }

    /// <summary>
    /// Reads one entity tag in header form (<c>"..."</c>). Weak tags (<c>W/"..."</c>) are refused
    /// because If-Match uses the strong comparison (RFC 9110 section 13.1.1) and a store tag is strong.
    /// </summary>
    public static bool TryParseQuoted(string? text, out ETag tag)
    {
        tag = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '"' || trimmed[^1] != '"')
        {
            return false;
        }

        var inner = trimmed[1..^1];
        // RFC 9110 etagc excludes DQUOTE, controls and space.
        foreach (var c in inner)
        {
            if (c == '"' || c <= ' ' || c == '\x7f')
            {
                return false;
            }
        }

        tag = new ETag(inner);
        return true;
    }

    /// <summary>Rebuilds a tag from <see cref="Value"/> as a backend stored it.</summary>
    internal static ETag FromStoredValue(string value) => new(value);

    public override string ToString() => Quoted;
}
