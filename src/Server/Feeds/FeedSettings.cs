using AuroraTime.CalDav.Feeds;
using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Feeds;

/// <summary>
/// Feed settings (documented in CONFIGURATION.md): <c>PublicBaseUrl</c> (the https origin clients
/// reach the server at, used in printed links), <c>Feeds:Secret</c> (base64, at least 32 bytes; else
/// a key file in the data folder), <c>Feeds:DaysBack</c>, <c>Feeds:MonthsAhead</c>, <c>Feeds:DefaultTimeZone</c>,
/// <c>Feeds:Compression</c> (false), <c>Feeds:ObjectCacheMegabytes</c> (32; 0 turns the cache off).
/// </summary>
public sealed record FeedSettings(string PublicBaseUrl, string? Secret, FeedOptions Options)
{
    public const string DefaultPublicBaseUrl = "https://localhost";

    public static FeedSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new FeedOptions();
        var cacheMegabytes = configuration.GetValue("Feeds:ObjectCacheMegabytes", defaults.ObjectCacheBytes / (1024 * 1024));
        if (cacheMegabytes < 0)
        {
            throw new InvalidOperationException("Feeds:ObjectCacheMegabytes must be 0 (no cache) or more.");
        }
        var baseUrl = configuration["PublicBaseUrl"];
        return new FeedSettings(
            string.IsNullOrWhiteSpace(baseUrl) ? DefaultPublicBaseUrl : baseUrl.Trim().TrimEnd('/'),
            string.IsNullOrWhiteSpace(configuration["Feeds:Secret"]) ? null : configuration["Feeds:Secret"],
            new FeedOptions
            {
                DaysBack = configuration.GetValue("Feeds:DaysBack", defaults.DaysBack),
                MonthsAhead = configuration.GetValue("Feeds:MonthsAhead", defaults.MonthsAhead),
                DefaultTimeZone = configuration["Feeds:DefaultTimeZone"] is { Length: > 0 } zone ? zone : defaults.DefaultTimeZone,
                Compression = configuration.GetValue("Feeds:Compression", defaults.Compression),
                ObjectCacheBytes = cacheMegabytes * 1024 * 1024,
            });
    }
}
