using System.Text;

namespace AuroraTime.Ical.Values;

/// <summary>
/// TEXT values (RFC 5545 section 3.3.11): backslash escapes for <c>\\ \; \, \n \N</c>, and
/// comma-separated lists of them (CATEGORIES, RESOURCES).
/// </summary>
public static class TextValue
{
    /// <summary>
    /// Resolves the escapes. An unknown escape such as <c>\:</c> (some producers write it) keeps
    /// the character and drops the backslash; a trailing lone backslash is kept.
    /// </summary>
    public static string Unescape(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var backslash = raw.IndexOf('\\', StringComparison.Ordinal);
        if (backslash < 0)
        {
            return raw;
        }
        var builder = new StringBuilder(raw.Length);
        builder.Append(raw, 0, backslash);
        for (var i = backslash; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i == raw.Length - 1)
            {
                builder.Append(c);
                continue;
            }
            var next = raw[++i];
            builder.Append(next is 'n' or 'N' ? '\n' : next);
        }
        return builder.ToString();
    }

    /// <summary>Escapes <c>\ ; ,</c> and turns every line break (CRLF, LF or CR) into <c>\n</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("\\;,\r\n") < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case ';': builder.Append("\\;"); break;
                case ',': builder.Append("\\,"); break;
                case '\r':
                    builder.Append("\\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\n': builder.Append("\\n"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Splits a list at unescaped commas and unescapes each item.</summary>
    public static IReadOnlyList<string> SplitList(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var items = new List<string>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                i++;
            }
            else if (raw[i] == ',')
            {
                items.Add(Unescape(raw[start..i]));
                start = i + 1;
            }
        }
        items.Add(Unescape(raw[start..]));
        return items;
    }
}
