using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// Optional content coding of feed bodies (RFC 9110 section 8.4), off unless <see cref="FeedOptions.Compression"/>
/// turns it on, because Outlook failed on gzip feeds (INTEROP.md section 3). When on, a client that
/// accepts br or gzip (RFC 9110 section 12.5.3) gets that coding, br preferred; every response says
/// <c>Vary: Accept-Encoding</c>, and each coding has its own strong ETag, since a strong validator
/// names one exact representation (RFC 9110 section 8.8.3).
/// </summary>
internal static class FeedCompression
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>The coding to send: "br", "gzip", or null for none (off, or nothing acceptable).</summary>
    public static string? Choose(HttpRequest request, FeedOptions options)
    {
        if (!options.Compression)
        {
            return null;
        }
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (accepted.Count == 0)
        {
            return null;
        }
        return Accepts(accepted, Brotli) ? Brotli : Accepts(accepted, Gzip) ? Gzip : null;
    }

    /// <summary>The ETag of the coded representation: the identity ETag with the coding inside the quotes.</summary>
    public static string ETagFor(string identityETag, string? coding) =>
        coding is null ? identityETag : identityETag[..^1] + "-" + coding + "\"";

    /// <summary>A stream that codes what is written to it into <paramref name="body"/>; disposing it writes the trailer.</summary>
    public static Stream Wrap(Stream body, string coding) => coding == Brotli
        ? new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true)
        : new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);

    // A coding is acceptable when it, or "*", is listed with a non-zero weight; its own entry wins over "*".
    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string coding)
    {
        double? wildcard = null;
        foreach (var entry in accepted)
        {
            var weight = entry.Quality ?? 1.0;
            if (entry.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                return weight > 0;
            }
            if (entry.Value.Equals("*", StringComparison.Ordinal))
            {
                wildcard = weight;
            }
        }
        return wildcard > 0;
    }
}
