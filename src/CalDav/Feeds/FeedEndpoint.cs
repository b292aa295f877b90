using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// GET and HEAD /feeds/{token}/{name}.ics: the signed, read-only iCalendar feed. No authentication:
/// the token in the path is the credential (Google and Outlook cannot send any). Every failure is the
/// same bare 404, with no redirect to a sign-in page. No response compression unless
/// <see cref="FeedOptions.Compression"/> turns it on (<see cref="FeedCompression"/>).
/// </summary>
public static class FeedEndpoint
{
    public const string PathPrefix = "/feeds";
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string CacheControl = "private, max-age=300";

    /// <summary>Registers the feed services. <paramref name="secret"/> is the MAC key of feed tokens (at least 32 bytes).</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, ReadOnlySpan<byte> secret, FeedOptions? options = null)
    {
        services.AddSingleton(options ?? new FeedOptions());
        services.AddSingleton(new FeedTokens(secret));
        services.AddSingleton<FeedLinkResolver>();
        services.AddSingleton<FeedGenerator>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointConventionBuilder MapFeeds(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(PathPrefix + "/{token}/{name}", [HttpMethods.Get, HttpMethods.Head], HandleAsync);

    private static async Task HandleAsync(HttpContext context, string token, string name)
    {
        var services = context.RequestServices;
        var source = await services.GetRequiredService<FeedLinkResolver>().ResolveAsync(token, context.RequestAborted);
        if (source is null || !name.EndsWith(".ics", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var options = services.GetRequiredService<FeedOptions>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var window = FeedWindow.Around(Instant.FromDateTimeOffset(now), options);
        var coding = FeedCompression.Choose(context.Request, options);
        var etag = FeedCompression.ETagFor(source.ETag(window), coding);
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
        if (options.Compression)
        {
            response.Headers.Vary = HeaderNames.AcceptEncoding;
        }

        // RFC 9110 section 13.2.2: If-None-Match first; If-Modified-Since only when it is absent.
        var request = context.Request.GetTypedHeaders();
        if (request.IfNoneMatch.Count > 0)
        {
            if (Matches(request.IfNoneMatch, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        var generator = services.GetRequiredService<FeedGenerator>();
        var startOfToday = Instant.FromDateTimeOffset(now).InUtc().Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var lastModified = await generator.LastModifiedAsync(source, startOfToday, context.RequestAborted);
        // HTTP dates have whole seconds; a change within the same second must not look older.
        var lastModifiedSeconds = DateTimeOffset.FromUnixTimeSeconds(lastModified.ToUnixTimeSeconds());
        response.Headers.LastModified = lastModifiedSeconds.ToString("R", CultureInfo.InvariantCulture);
        if (request.IfNoneMatch.Count == 0 && request.IfModifiedSince is { } since && lastModifiedSeconds <= since)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = ContentType;
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        if (coding is null)
        {
            await generator.WriteAsync(source, window, response.BodyWriter, context.RequestAborted);
            return;
        }
        await using var coded = FeedCompression.Wrap(response.Body, coding);
        var output = PipeWriter.Create(coded, new StreamPipeWriterOptions(leaveOpen: true));
        await generator.WriteAsync(source, window, output, context.RequestAborted);
        await output.CompleteAsync();
    }

    /// <summary>Weak comparison (RFC 9110 section 13.1.2: If-None-Match uses it), and "*".</summary>
    private static bool Matches(IList<EntityTagHeaderValue> candidates, string etag)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Tag.Equals("*", StringComparison.Ordinal) || candidate.Tag.Equals(etag, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
