using System.Globalization;
using AuroraTime.CalDav.WebDav.Tree;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav.Http;

/// <summary>What the conditional headers decide; the highest state wins (as in ASP.NET StaticFiles).</summary>
public enum PreconditionState
{
    Proceed,
    NotModified,
    PreconditionFailed,
}

/// <summary>
/// Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since in the order of
/// RFC 9110 section 13.2.2 (formerly RFC 7232 section 6), in one place for every method.
/// </summary>
public static class ConditionalRequest
{
    /// <param name="target">The current resource, or null when it does not exist.</param>
    public static PreconditionState Evaluate(HttpRequest request, IDavNode? target)
    {
        var headers = request.Headers;
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var current = target?.ETag;

        // RFC 9110 13.1.1: "An origin server MUST use the strong comparison function when comparing
        // entity tags for If-Match"; "*" is true when a current representation exists.
        var ifMatch = headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            var tags = ParseList(ifMatch, out var any);
            var matched = target is not null && (any || (current is { } c && tags.Any(t => t.StrongEquals(c))));
            if (!matched)
            {
                return PreconditionState.PreconditionFailed;
            }
        }
        else if (TryParseDate(headers.IfUnmodifiedSince.ToString(), out var unmodifiedSince)
                 && target?.LastModified is { } lastModified && Truncate(lastModified) > unmodifiedSince)
        {
            // RFC 9110 13.1.4: evaluated only without If-Match.
            return PreconditionState.PreconditionFailed;
        }

        // RFC 9110 13.1.2: "A recipient MUST use the weak comparison function when comparing entity
        // tags for If-None-Match"; a match gives 304 for GET/HEAD and 412 for other methods.
        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            var tags = ParseList(ifNoneMatch, out var any);
            var matched = target is not null && (any || (current is { } c && tags.Any(t => t.WeakEquals(c))));
            if (matched)
            {
                return isRead ? PreconditionState.NotModified : PreconditionState.PreconditionFailed;
            }
        }
        else if (isRead && TryParseDate(headers.IfModifiedSince.ToString(), out var modifiedSince)
                 && target?.LastModified is { } lastModified && Truncate(lastModified) <= modifiedSince)
        {
            // RFC 9110 13.1.3: only for GET/HEAD and only without If-None-Match.
            return PreconditionState.NotModified;
        }
        return PreconditionState.Proceed;
    }

    /// <summary>Evaluates and turns a failure into the matching <see cref="DavException"/>.</summary>
    /// <returns>True when the caller should answer 304 Not Modified.</returns>
    public static bool ThrowIfFailed(HttpRequest request, IDavNode? target)
    {
        switch (Evaluate(request, target))
        {
            case PreconditionState.PreconditionFailed:
                throw new DavException(412, null, "A precondition header does not hold for the current resource.");
            case PreconditionState.NotModified:
                return true;
            default:
                return false;
        }
    }

    private static List<EntityTag> ParseList(string header, out bool any) =>
        EntityTag.TryParseList(header, out var tags, out any)
            ? tags
            : throw new DavException(400, null, "Malformed entity-tag list in a conditional header.");

    private static bool TryParseDate(string header, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(header, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    // HTTP dates have whole seconds; compare at that resolution.
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
