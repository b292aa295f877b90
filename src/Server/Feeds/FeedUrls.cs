using AuroraTime.CalDav.Feeds;

namespace AuroraTime.Server.Feeds;

/// <summary>The three forms of a feed link shown to its owner (INTEROP.md section 3).</summary>
public sealed record FeedUrls(string Https, string Webcal, string GoogleAdd)
{
    /// <param name="publicBaseUrl">https://host[:port][/prefix], without a trailing slash.</param>
    /// <param name="fileName">The calendar or user name; only decorative in the URL.</param>
    public static FeedUrls For(string publicBaseUrl, string token, string fileName)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var https = $"{publicBaseUrl}{FeedEndpoint.PathPrefix}/{token}/{Uri.EscapeDataString(fileName)}.ics";
        var schemeEnd = https.IndexOf("://", StringComparison.Ordinal);
        // Apple wants webcal:// (not webcals://) and fetches it over https itself.
        var webcal = "webcal" + https[schemeEnd..];
        return new FeedUrls(https, webcal, "https://calendar.google.com/calendar/r?cid=" + Uri.EscapeDataString(webcal));
    }
}
