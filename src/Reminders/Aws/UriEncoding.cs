using System.Text;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// Percent-encoding as SigV4 wants it: every byte of the UTF-8 form except the RFC 3986 section 2.3
/// unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX with upper-case hex.
/// </summary>
internal static class UriEncoding
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }
        return builder.ToString();
    }

    /// <summary>Decodes %XX sequences (UTF-8); '+' stays '+', as in a URI (not a form).</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
