using System.Collections.Concurrent;
using System.Xml.Linq;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>
/// The pre-encoded UTF-8 tags of one element name in a response document: <c>&lt;D:getetag&gt;</c>,
/// <c>&lt;/D:getetag&gt;</c> and <c>&lt;D:getetag/&gt;</c>. Names in the namespaces the root declares
/// (<see cref="DavNames.ResponsePrefixes"/>) use their prefix; any other namespace is declared on the
/// element itself, so the tags stand alone anywhere in the document.
/// </summary>
internal sealed class ElementTags
{
    /// <summary>
    /// Property names come from clients, so the cache is bounded; names past the bound are encoded per
    /// use. Real clients ask for a few dozen names.
    /// </summary>
    private const int MaxCached = 1024;

    private static readonly ConcurrentDictionary<XName, ElementTags> Cache = new();

    private ElementTags(byte[] start, byte[] end, byte[] empty)
    {
        Start = start;
        End = end;
        Empty = empty;
    }

    public byte[] Start { get; }

    public byte[] End { get; }

    public byte[] Empty { get; }

    public static ElementTags Of(XName name)
    {
        if (Cache.TryGetValue(name, out var tags))
        {
            return tags;
        }
        tags = Create(name);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(name, tags);
        }
        return tags;
    }

    private static ElementTags Create(XName name)
    {
        string qualified, declaration = "";
        if (PrefixOf(name.Namespace) is { } prefix)
        {
            qualified = prefix + ":" + name.LocalName;
        }
        else if (name.NamespaceName.Length == 0)
        {
            qualified = name.LocalName; // no namespace: the document never declares a default one
        }
        else
        {
            qualified = "X:" + name.LocalName;
            declaration = " xmlns:X=\"" + EscapeAttribute(name.NamespaceName) + "\"";
        }
        return new ElementTags(
            Utf8("<" + qualified + declaration + ">"),
            Utf8("</" + qualified + ">"),
            Utf8("<" + qualified + declaration + "/>"));
    }

    /// <summary>The prefix the response root binds to this namespace, or null.</summary>
    public static string? PrefixOf(XNamespace ns)
    {
        // An indexed loop: foreach over the IReadOnlyList allocated an enumerator per element written.
        var prefixes = DavNames.ResponsePrefixes;
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (prefixes[i].Namespace == ns)
            {
                return prefixes[i].Prefix;
            }
        }
        return null;
    }

    private static string EscapeAttribute(string value)
    {
        using var output = new Utf8XmlOutput(value.Length * 2 + 16);
        output.WriteAttributeValue(value);
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static byte[] Utf8(string markup) => System.Text.Encoding.UTF8.GetBytes(markup);
}
