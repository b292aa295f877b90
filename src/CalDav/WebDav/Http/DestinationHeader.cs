using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>The Destination and Overwrite headers of COPY and MOVE (RFC 4918 sections 10.3, 10.6).</summary>
public static class DestinationHeader
{
    /// <summary>
    /// The destination as a path inside the tree. Other hosts are 502 (RFC 4918 9.8.5/9.9.4:
    /// "502 (Bad Gateway) - This may occur when the destination is on another server"); paths
    /// outside the mount point are 403.
    /// </summary>
    public static DavPath Parse(HttpRequest request, string encodedBase)
    {
        var header = request.Headers["Destination"].ToString().Trim();
        if (header.Length == 0)
        {
            throw new DavException(400, null, "COPY and MOVE need a Destination header.");
        }
        string rawPath;
        if (header.StartsWith('/'))
        {
            rawPath = header;
        }
        else
        {
            var scheme = header.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0)
            {
                throw new DavException(400, null, "Destination must be an absolute URI or an absolute path.");
            }
            var authorityStart = scheme + 3;
            var pathStart = header.IndexOf('/', authorityStart);
            var authority = pathStart < 0 ? header[authorityStart..] : header[authorityStart..pathStart];
            if (!string.Equals(authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            {
                throw new DavException(502, null, "The destination is on another server.");
            }
            rawPath = pathStart < 0 ? "/" : header[pathStart..];
        }
        rawPath = rawPath.Split('?', '#')[0];
        if (!DavPath.TryParse(rawPath, out var full) || !DavPath.TryParse(encodedBase, out var mount))
        {
            throw new DavException(400, null, "The Destination path is not valid.");
        }
        return full.RelativeTo(mount) ?? throw new DavException(403, null, "The destination is outside this DAV tree.");
    }

    /// <summary>Overwrite: T (the default) or F (RFC 4918 section 10.6).</summary>
    public static bool ParseOverwrite(HttpRequest request)
    {
        var header = request.Headers["Overwrite"].ToString().Trim();
        return header switch
        {
            "" or "T" or "t" => true,
            "F" or "f" => false,
            _ => throw new DavException(400, null, "Overwrite must be T or F."),
        };
    }
}
