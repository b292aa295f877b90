using AuroraTime.CalDav.Feeds;
using AuroraTime.Server.Configuration;

namespace AuroraTime.Server.Feeds;

/// <summary>Wires the feed endpoint into the host: services from the settings, and the anonymous routes.</summary>
public static class FeedHosting
{
    public static IServiceCollection AddAuroraFeeds(this IServiceCollection services, IConfiguration configuration, AuroraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var feeds = FeedSettings.From(configuration);
        services.AddSingleton(feeds);
        return services.AddFeeds(FeedSecret.Load(settings.DataFolder, feeds.Secret), feeds.Options);
    }

    /// <summary>
    /// The feed route, and a catch-all under /feeds that answers 404 to everything else (other methods,
    /// other shapes), so nothing under the anonymous prefix ever reaches the DAV tree.
    /// </summary>
    public static void MapAuroraFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeeds();
        endpoints.Map(FeedEndpoint.PathPrefix + "/{**rest}", NotFound);
        endpoints.Map(FeedEndpoint.PathPrefix, NotFound);
    }

    // A bare 404 with no body, the same as for a bad token.
    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Feed paths carry their own credential (the signed token), so Basic auth is skipped for them.</summary>
    public static bool IsFeedPath(PathString path) => path.StartsWithSegments(FeedEndpoint.PathPrefix);
}
