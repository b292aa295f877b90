using Microsoft.AspNetCore.Http.Features;

namespace AuroraTime.Server.Api;

/// <summary>
/// The {uid} segment of /api/calendars/{id}/events/{uid}, decoded exactly once. The server decodes
/// the path before routing except "%2F" (a decoded "/" would split the segment), so the route value
/// of "a%2Fb%20c%40x" is "a%2Fb c@x" and a UID containing "/" (or a literal "%2F") could not be
/// addressed. The raw request target still holds the client's encoding (RFC 3986 section 2.4: decode
/// a segment once, after splitting), so the last segment of it is the UID.
/// </summary>
internal static class EventUidSegment
{
    public static string Decode(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (raw.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 && raw.IndexOf('/', scheme + 3) is var pathStart and >= 0)
        {
            // Absolute form (RFC 9112 section 3.2.2, also what TestServer sets): keep only the path.
            raw = raw[pathStart..];
        }
        if (!raw.StartsWith(ApiHosting.Prefix + "/", StringComparison.Ordinal))
        {
            // No raw target: the route value lacks only the "%2F" decoding.
            return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
        var path = raw.Split('?', 2)[0];
        var segment = path[(path.LastIndexOf('/') + 1)..];
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return routeValue;
        }
    }
}
