using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Api;

/// <summary>If-Match on API writes (RFC 9110 section 13.1.1), as a condition the store checks inside its write transaction.</summary>
internal static class ApiPreconditions
{
    /// <returns>The condition (None without the header), or null when the header is malformed.</returns>
    public static WritePrecondition? IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return WritePrecondition.None;
        }
        if (header == "*")
        {
            return WritePrecondition.IfMatchAny;
        }
        var tags = new List<ETag>();
        foreach (var item in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.StartsWith("W/", StringComparison.Ordinal))
            {
                continue; // If-Match uses the strong comparison: a weak tag never matches.
            }
            if (!ETag.TryParseQuoted(item, out var tag))
            {
                return null;
            }
            tags.Add(tag);
        }
        // Only weak tags: nothing can match, so the write must fail with 412 (an unused tag does that).
        return tags.Count > 0 ? WritePrecondition.IfMatch([.. tags]) : WritePrecondition.IfMatch(ETag.FromContent([]));
    }

    public static IResult Malformed() => Problems.Field("If-Match", "If-Match is \"*\" or a list of quoted entity tags.");
}
