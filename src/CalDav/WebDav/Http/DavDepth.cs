namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>The Depth header (RFC 4918 section 10.2).</summary>
public enum DavDepth
{
    Zero,
    One,
    Infinity,
}

public static class DavDepthHeader
{
    /// <summary>
    /// Parses "0", "1" or "infinity" (case-insensitive); a missing header gives
    /// <paramref name="whenMissing"/>. Anything else is a 400.
    /// </summary>
    public static DavDepth Parse(string? header, DavDepth whenMissing)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return whenMissing;
        }
        return header.Trim().ToLowerInvariant() switch
        {
            "0" => DavDepth.Zero,
            "1" => DavDepth.One,
            "infinity" => DavDepth.Infinity,
            _ => throw new DavException(400, null, $"Depth must be 0, 1 or infinity, not '{header}'."),
        };
    }
}
