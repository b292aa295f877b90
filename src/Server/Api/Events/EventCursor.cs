using System.Buffers.Text;
using System.Text;

namespace AuroraTime.Server.Api.Events;

/// <summary>
/// The paging cursor of an event listing: the store's continuation plus the listing it belongs to
/// (calendar, from, to). Opaque to clients (base64url); a cursor presented with another calendar or
/// range is refused rather than silently giving a wrong page. The store's continuation is a position
/// in the caller's own calendar, so a forged one can only skip within data the caller may read.
/// </summary>
internal static class EventCursor
{
    private const string Version = "c1";

    public static string Encode(string calendarId, string? from, string? to, string storeNext) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Version, calendarId, from ?? "", to ?? "", storeNext)));

    /// <summary>The store continuation, or null when the cursor is malformed or from another listing.</summary>
    public static string? Decode(string cursor, string calendarId, string? from, string? to)
    {
        if (cursor.Length > 2048 || !Base64Url.IsValid(cursor))
        {
            return null;
        }
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = text.Split('\n');
        return parts.Length == 5 && parts[0] == Version && parts[1] == calendarId && parts[2] == (from ?? "") && parts[3] == (to ?? "") && parts[4].Length > 0
            ? parts[4]
            : null;
    }
}
