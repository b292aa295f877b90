using System.Text;

namespace AuroraTime.Server.Auth;

/// <summary>User name and password from an <c>Authorization: Basic</c> header (RFC 7617).</summary>
public readonly record struct BasicCredentials(string UserName, string Password)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses the header value. The scheme is case-insensitive (RFC 7235 section 2.1); the
    /// credentials are UTF-8 (RFC 7617 section 2.1, charset="UTF-8" which we advertise); a missing
    /// colon, bad base64 or an empty user name is not a credential.
    /// </summary>
    public static bool TryParse(string? headerValue, out BasicCredentials credentials)
    {
        credentials = default;
        if (headerValue is null || headerValue.Length < 7
            || !headerValue.AsSpan(0, 6).Equals("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var token = headerValue.AsSpan(6).Trim();
        var size = (token.Length * 3 / 4) + 3;
        // On the stack for ordinary headers: this runs on every request.
        var buffer = size <= 1024 ? stackalloc byte[size] : new byte[size];
        if (!Convert.TryFromBase64Chars(token, buffer, out var written))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(buffer[..written]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            buffer.Clear(); // the password, decoded
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        credentials = new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }

    /// <summary>Never print the password, not even by accident in a log line.</summary>
    public override string ToString() => $"{UserName}:***";
}
