using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>What one feed request publishes: a live link, its calendars as they are now, and the display settings.</summary>
public sealed record FeedSource(FeedLink Link, IReadOnlyList<StoredCollection> Calendars, string CalendarName, string TimeZoneId)
{
    private const string FormatVersion = "feed-v1";

    /// <summary>
    /// A strong ETag (RFC 9110 section 8.8.3) computed from the inputs alone, so a conditional request
    /// is answered without generating the body: the link, its scope, every calendar's sync token (it
    /// moves on every member change, RFC 6578) and properties, the zone and the window days.
    /// </summary>
    public string ETag(FeedWindow window)
    {
        var text = new StringBuilder(FormatVersion)
            .Append('\n').Append(Link.TokenId)
            .Append('\n').Append((int)Link.Scope)
            .Append('\n').Append(window.Start.ToUnixTimeSeconds())
            .Append('\n').Append(window.End.ToUnixTimeSeconds())
            .Append('\n').Append(TimeZoneId)
            .Append('\n').Append(CalendarName);
        foreach (var calendar in Calendars)
        {
            text.Append('\n').Append(calendar.Ref.Path)
                .Append('\t').Append(calendar.SyncToken.ToString())
                .Append('\t').Append(calendar.Properties.DisplayName)
                .Append('\t').Append(calendar.Properties.TimeZone?.Length);
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "\"" + Base64Url.EncodeToString(hash.AsSpan(0, 18)) + "\"";
    }
}
