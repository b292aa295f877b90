using System.Text;

namespace AuroraTime.Reminders.Email;

/// <summary>Header and body encodings of MIME (RFC 2045, RFC 2047).</summary>
internal static class MimeEncoding
{
    /// <summary>
    /// An unstructured header value: ASCII as is, otherwise RFC 2047 section 4.1 "B" encoded-words
    /// of UTF-8, each at most 75 characters ("An 'encoded-word' may not be more than 75 characters
    /// long") and split only between characters, folded with CRLF SP.
    /// </summary>
    public static string EncodeHeaderText(string text)
    {
        text = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        if (text.All(c => c is >= ' ' and < '\x7f'))
        {
            return text;
        }
        var words = new List<string>();
        var chunk = new StringBuilder();
        const int MaxBytesPerWord = 39; // 39 bytes -> 52 base64 chars + 12 for =?UTF-8?B??=; fits a 78-char line after "Subject: "
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            if (Encoding.UTF8.GetByteCount(chunk.ToString() + element) > MaxBytesPerWord && chunk.Length > 0)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }
            chunk.Append(element);
        }
        if (chunk.Length > 0)
        {
            words.Add(Word(chunk.ToString()));
        }
        return string.Join("\r\n ", words);
    }

    /// <summary>A display name for an address: quoted when ASCII, an encoded-word otherwise.</summary>
    public static string Mailbox(string? displayName, string address)
    {
        if (string.IsNullOrEmpty(displayName))
        {
            return "<" + address + ">";
        }
        var name = displayName.All(c => c is >= ' ' and < '\x7f')
            ? "\"" + displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : EncodeHeaderText(displayName);
        return name + " <" + address + ">";
    }

    /// <summary>RFC 2045 section 6.8 base64 with lines of 76 characters.</summary>
    public static string Base64Lines(string text)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var lines = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 76)
        {
            lines.Append(base64.AsSpan(i, Math.Min(76, base64.Length - i))).Append("\r\n");
        }
        return lines.ToString();
    }

    private static string Word(string text) => "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";
}
