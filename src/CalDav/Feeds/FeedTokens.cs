using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// Mints and checks feed tokens. A token is base64url(id || mac): a 128-bit random id (the store key,
/// <see cref="FeedLinkToken.TokenId"/>) and the first 128 bits of HMAC-SHA256 of the id under the
/// server's feed secret. The token carries no user data; the MAC lets the server reject forged ids
/// and makes a stolen database alone insufficient to build working URLs.
/// </summary>
public sealed class FeedTokens
{
    public const int IdBytes = 16;
    public const int MacBytes = 16;
    public const int MinimumSecretBytes = 32;

    /// <summary>Length of a token in the URL: 32 bytes in base64url without padding.</summary>
    public const int TokenLength = 43;

    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("aurora-feed-link-v1\0");

    // Looked up when the token is malformed, so a bad token costs the same MAC and query as a good one.
    private static readonly string DecoyTokenId = Base64Url.EncodeToString(new byte[IdBytes]);

    private readonly byte[] _secret;

    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinimumSecretBytes"/>.</exception>
    public FeedTokens(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"a feed secret needs at least {MinimumSecretBytes} bytes", nameof(secret));
        }
        _secret = secret.ToArray();
    }

    /// <summary>A new random token.</summary>
    public FeedLinkToken Mint()
    {
        Span<byte> token = stackalloc byte[IdBytes + MacBytes];
        RandomNumberGenerator.Fill(token[..IdBytes]);
        ComputeMac(token[..IdBytes], token[IdBytes..]);
        return new FeedLinkToken(Base64Url.EncodeToString(token[..IdBytes]), Base64Url.EncodeToString(token));
    }

    /// <summary>The token of a stored id (the MAC is deterministic), so the owner can be shown a link again; null for a malformed id.</summary>
    public string? TokenFor(string tokenId)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        Span<byte> token = stackalloc byte[IdBytes + MacBytes];
        if (tokenId.Length != 22 || !TryDecode(tokenId, token[..IdBytes], out var written) || written != IdBytes)
        {
            return null;
        }
        ComputeMac(token[..IdBytes], token[IdBytes..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// Checks a token's shape and MAC (in constant time) and returns the token id to look up. A
    /// malformed or forged token still yields an id (a decoy that is never stored), so the caller
    /// does the same store lookup either way and answers the same 404.
    /// </summary>
    public (string TokenId, bool IsAuthentic) Verify(string? token)
    {
        Span<byte> decoded = stackalloc byte[IdBytes + MacBytes];
        var wellFormed = token is { Length: TokenLength }
            && TryDecode(token, decoded, out var written)
            && written == decoded.Length;
        if (!wellFormed)
        {
            decoded.Clear();
        }
        Span<byte> expected = stackalloc byte[MacBytes];
        ComputeMac(decoded[..IdBytes], expected);
        var authentic = CryptographicOperations.FixedTimeEquals(expected, decoded[IdBytes..]) & wellFormed;
        return (authentic ? Base64Url.EncodeToString(decoded[..IdBytes]) : DecoyTokenId, authentic);
    }

    /// <summary>
    /// The token id inside a token or a feed URL (…/feeds/TOKEN/name.ics), for revocation by the owner;
    /// null when no well-formed token is found. The MAC is not checked: revoking needs the owner's name too.
    /// </summary>
    public static string? TokenIdFrom(string linkOrToken)
    {
        ArgumentNullException.ThrowIfNull(linkOrToken);
        var text = linkOrToken.Trim();
        var feeds = text.IndexOf("/feeds/", StringComparison.Ordinal);
        if (feeds >= 0)
        {
            text = text[(feeds + "/feeds/".Length)..];
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            text = slash >= 0 ? text[..slash] : text;
        }
        Span<byte> decoded = stackalloc byte[IdBytes + MacBytes];
        if (text.Length == TokenLength && TryDecode(text, decoded, out var written) && written == decoded.Length)
        {
            return Base64Url.EncodeToString(decoded[..IdBytes]);
        }
        // A bare token id as printed by "feed list".
        Span<byte> id = stackalloc byte[IdBytes];
        return TryDecode(text, id, out var idLength) && idLength == IdBytes && text.Length == 22 ? text : null;
    }

    // Base64Url.TryDecodeFromChars throws on characters outside the alphabet; bad input must only fail.
    private static bool TryDecode(string text, Span<byte> destination, out int written)
    {
        written = 0;
        return Base64Url.IsValid(text, out var length)
            && length == destination.Length
            && Base64Url.TryDecodeFromChars(text, destination, out written);
    }

    private void ComputeMac(ReadOnlySpan<byte> id, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[Purpose.Length + IdBytes];
        Purpose.CopyTo(input);
        id.CopyTo(input[Purpose.Length..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, input, mac);
        mac[..MacBytes].CopyTo(destination);
    }
}

/// <param name="TokenId">The store key (base64url of the 128-bit id), safe to list.</param>
/// <param name="Token">The URL credential (id and MAC), shown to the owner only.</param>
public sealed record FeedLinkToken(string TokenId, string Token);
