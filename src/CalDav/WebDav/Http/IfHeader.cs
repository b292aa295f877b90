using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>One condition of an If header list: a state token or an entity tag, maybe negated.</summary>
public readonly record struct IfCondition(bool Not, string? StateToken, EntityTag? ETag);

/// <summary>One parenthesised list, with the resource tag it applies to (null: the request target).</summary>
public sealed record IfList(string? ResourceTag, IReadOnlyList<IfCondition> Conditions);

/// <summary>
/// The WebDAV If header (RFC 4918 section 10.4). The core has no locks, so a state token never
/// matches a resource; "Not &lt;token&gt;" is therefore true, as RFC 4918 10.4.8 uses it to test
/// for the absence of a lock.
/// </summary>
public static class IfHeader
{
    /// <summary>Parses the header; malformed syntax is a 400 (RFC 4918 10.4.2).</summary>
    public static List<IfList> Parse(string header)
    {
        var lists = new List<IfList>();
        var text = header.AsSpan();
        string? tag = null;
        bool? tagged = null;
        while (true)
        {
            text = text.TrimStart();
            if (text.IsEmpty)
            {
                return lists.Count > 0 ? lists : throw Malformed();
            }
            if (text[0] == '<')
            {
                if (tagged == false)
                {
                    throw Malformed();
                }
                tagged = true;
                tag = ReadAngle(ref text);
                text = text.TrimStart();
                if (text.IsEmpty || text[0] != '(')
                {
                    throw Malformed();
                }
                continue;
            }
            if (text[0] != '(')
            {
                throw Malformed();
            }
            tagged ??= false;
            text = text[1..];
            lists.Add(new IfList(tag, ReadConditions(ref text)));
        }
    }

    /// <summary>True when at least one list holds for the resource it names (RFC 4918 10.4.3).</summary>
    public static async ValueTask<bool> EvaluateAsync(
        IReadOnlyList<IfList> lists,
        IDavNode? target,
        Func<string, ValueTask<IDavNode?>> resolveTag)
    {
        foreach (var list in lists)
        {
            var node = list.ResourceTag is null ? target : await resolveTag(list.ResourceTag);
            if (list.Conditions.All(c => Holds(c, node)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Holds(IfCondition condition, IDavNode? node)
    {
        var matches = condition.ETag is { } etag
            ? node?.ETag is { } current && etag.StrongEquals(current)
            : false; // no locks: no state token identifies a lock on any resource
        return condition.Not ? !matches : matches;
    }

    private static List<IfCondition> ReadConditions(ref ReadOnlySpan<char> text)
    {
        var conditions = new List<IfCondition>();
        while (true)
        {
            text = text.TrimStart();
            if (text.IsEmpty)
            {
                throw Malformed();
            }
            if (text[0] == ')')
            {
                text = text[1..];
                return conditions.Count > 0 ? conditions : throw Malformed();
            }
            var not = false;
            if (text.StartsWith("Not", StringComparison.OrdinalIgnoreCase))
            {
                not = true;
                text = text[3..].TrimStart();
            }
            if (!text.IsEmpty && text[0] == '<')
            {
                conditions.Add(new IfCondition(not, ReadAngle(ref text), null));
            }
            else if (!text.IsEmpty && text[0] == '[')
            {
                text = text[1..];
                if (!EntityTag.TryParseOne(ref text, out var etag) || text.IsEmpty || text[0] != ']')
                {
                    throw Malformed();
                }
                text = text[1..];
                conditions.Add(new IfCondition(not, null, etag));
            }
            else
            {
                throw Malformed();
            }
        }
    }

    private static string ReadAngle(ref ReadOnlySpan<char> text)
    {
        var end = text.IndexOf('>');
        if (end < 0)
        {
            throw Malformed();
        }
        var value = text[1..end].ToString();
        text = text[(end + 1)..];
        return value;
    }

    private static DavException Malformed() => new(400, null, "Malformed If header (RFC 4918 section 10.4).");
}
