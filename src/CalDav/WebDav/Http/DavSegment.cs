using System.Text;

namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>
/// One path segment: the decoded <see cref="Name"/> the tree works with, and the
/// <see cref="Encoded"/> spelling used in hrefs. When a client chose the name, Encoded keeps the
/// client's own percent-encoding so its href comparisons round-trip (INTEROP.md: @ vs %40).
/// </summary>
public readonly record struct DavSegment(string Name, string Encoded)
{
    /// <summary>A segment whose href spelling is our canonical percent-encoding of the name.</summary>
    public static DavSegment FromName(string name) => new(name, Encode(name));

    /// <summary>
    /// Percent-encodes everything except RFC 3986 unreserved characters and the pchar delimiters
    /// that clients leave alone in practice. '+' and '&amp;' are encoded: some clients treat them as
    /// form syntax.
    /// </summary>
    public static string Encode(string name)
    {
        var firstUnsafe = 0;
        while (firstUnsafe < name.Length && IsKeptAsIs(name[firstUnsafe]))
        {
            firstUnsafe++;
        }
        if (firstUnsafe == name.Length)
        {
            return name; // the common case (generated names, UUIDs): nothing to encode, nothing to allocate.
        }
        var builder = new StringBuilder(name.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (IsKeptAsIs(c))
            {
                builder.Append(c);
                continue;
            }
            var length = char.IsHighSurrogate(c) && i + 1 < name.Length
                ? Encoding.UTF8.GetBytes(name.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(name.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    // The delimiters kept as they are, "-._~!$'()*,;=:@", those below 64 as a bit mask (a constant, so the
    // Native AOT build has no static to initialise): a PROPFIND or sync answer encodes every member's
    // name, and a string search per character was a visible share of that (perf, session 5).
    private const ulong KeptBelow64 = (1UL << '-') | (1UL << '.') | (1UL << '!') | (1UL << '$') | (1UL << '\'') | (1UL << '(')
        | (1UL << ')') | (1UL << '*') | (1UL << ',') | (1UL << ';') | (1UL << '=') | (1UL << ':');

    private static bool IsKeptAsIs(char c) =>
        c < 64 ? char.IsAsciiDigit(c) || (KeptBelow64 & (1UL << c)) != 0 : char.IsAsciiLetter(c) || c is '_' or '~' or '@';

    /// <summary>
    /// Decodes one raw segment. Fails on broken %-escapes, invalid UTF-8 and on a decoded '/'
    /// or NUL, which no tree can store as part of a name.
    /// </summary>
    public static bool TryDecode(string encoded, out DavSegment segment)
    {
        segment = default;
        if (!encoded.Contains('%'))
        {
            segment = new DavSegment(encoded, encoded);
            return true;
        }
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !char.IsAsciiHexDigit(encoded[i + 1]) || !char.IsAsciiHexDigit(encoded[i + 2]))
                {
                    return false;
                }
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        string name;
        try
        {
            name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (name.Contains('/') || name.Contains('\0'))
        {
            return false;
        }
        segment = new DavSegment(name, encoded);
        return true;
    }
}
