using System.Text.Json;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// Decodes the one JSON text that <see cref="SqliteStore.ListObjectsAsync"/> has SQLite build for a page:
/// an array of <c>[href, uid, component, content_type, etag, size, modified_at, first_at, last_at]</c>
/// arrays. Why JSON: reading nine columns of a row through Microsoft.Data.Sqlite costs about thirteen
/// native calls, each taking the statement's SafeHandle and SQLite's connection mutex; in a PROPFIND
/// Depth 1 over 2,000 members that was 31% of the server's CPU (perf). One UTF-8 text per page costs
/// one call, and System.Text.Json reads it without transcoding.
/// </summary>
internal static class SummaryJsonRows
{
    /// <summary>The columns, in the order <see cref="Read"/> expects them, of objects aliased <c>o</c>.</summary>
    public const string ArrayOfColumns =
        "json_array(o.href, o.uid, o.component, o.content_type, o.etag, o.size, o.modified_at, o.first_at, o.last_at)";

    /// <exception cref="InvalidDataException">The text is not the expected shape (a bug, not user input).</exception>
    public static List<ObjectSummary> Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var items = new List<ObjectSummary>();
        Next(ref reader, JsonTokenType.StartArray);
        // Nearly every member shares its content type and component; reusing the last string saves
        // an allocation per member without a cache that could grow.
        string? lastType = null, lastComponent = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var href = NextString(ref reader, null) ?? throw Malformed();
            var uid = NextString(ref reader, null);
            var component = lastComponent = NextString(ref reader, lastComponent);
            var contentType = lastType = NextString(ref reader, lastType) ?? throw Malformed();
            var etag = NextString(ref reader, null) ?? throw Malformed();
            var size = NextInt64(ref reader) ?? throw Malformed();
            var modified = NextInt64(ref reader) ?? throw Malformed();
            var first = NextInt64(ref reader);
            var last = NextInt64(ref reader);
            Next(ref reader, JsonTokenType.EndArray);
            items.Add(new ObjectSummary(href, uid, component, contentType, ETag.FromStoredValue(etag), size,
                Instant.FromUnixTimeTicks(modified), ToInstant(first), ToInstant(last)));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw Malformed();
        }

        if (!IsInHrefOrder(items))
        {
            items.Sort((a, b) => CompareAsUtf8(a.Href, b.Href));
        }

        return items;
    }

    private static bool IsInHrefOrder(List<ObjectSummary> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (CompareAsUtf8(items[i - 1].Href, items[i].Href) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The order of SQLite's BINARY collation (memcmp of UTF-8), which is code point order. It differs
    /// from ordinal UTF-16 only where a surrogate meets U+E000..U+FFFF, so surrogates are moved above
    /// that block before comparing; paging by <c>href &gt; $after</c> relies on SQLite's order.
    /// </summary>
    internal static int CompareAsUtf8(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return InCodePointOrder(a[i]) - InCodePointOrder(b[i]);
            }
        }

        return a.Length - b.Length;
    }

    private static int InCodePointOrder(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;

    private static Instant? ToInstant(long? ticks) => ticks is { } t ? Instant.FromUnixTimeTicks(t) : null;

    private static string? NextString(ref Utf8JsonReader reader, string? reuse)
    {
        if (!reader.Read())
        {
            throw Malformed();
        }

        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when reuse is not null && reader.ValueTextEquals(reuse) => reuse,
            JsonTokenType.String => reader.GetString(),
            _ => throw Malformed(),
        };
    }

    private static long? NextInt64(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Malformed();
        }

        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => reader.GetInt64(),
            _ => throw Malformed(),
        };
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (!reader.Read() || reader.TokenType != expected)
        {
            throw Malformed();
        }
    }

    private static InvalidDataException Malformed() => new("The object listing SQLite returned is not the expected JSON.");
}
