using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// Turns a URL token into a <see cref="FeedSource"/>, reading the link from the store on every request
/// (never cached) so a revocation takes effect on the next request.
/// </summary>
public sealed class FeedLinkResolver(IStore store, FeedTokens tokens, FeedOptions options)
{
    private const int CalendarPageSize = 100;

    /// <summary>
    /// The feed behind <paramref name="token"/>, or null for a malformed, forged, unknown or revoked
    /// token, or a link whose calendar is gone. All of these verify a MAC and read the store once for
    /// the link, so they cannot be told apart by the answer or, coarsely, by its timing.
    /// </summary>
    public async Task<FeedSource?> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        var (tokenId, authentic) = tokens.Verify(token);
        var link = await store.GetFeedLinkAsync(tokenId, cancellationToken);
        if (!authentic || link is null || link.IsRevoked)
        {
            return null;
        }
        var account = await store.GetAccountAsync(link.UserName, cancellationToken);
        if (account is null)
        {
            return null;
        }
        var zone = account.Settings.TimeZoneId ?? options.DefaultTimeZone;
        if (link.CollectionPath is { } path)
        {
            var calendar = await store.GetCollectionAsync(new CollectionRef(link.UserName, path), cancellationToken);
            return calendar is { Kind: CollectionKind.Calendar }
                ? new FeedSource(link, [calendar], calendar.Properties.DisplayName ?? calendar.Ref.Name, zone)
                : null;
        }
        var calendars = new List<StoredCollection>();
        PageRequest? page = PageRequest.First(CalendarPageSize);
        while (page is not null)
        {
            var listing = await store.ListCollectionsAsync(link.UserName, null, page, cancellationToken);
            calendars.AddRange(listing.Items.Where(c => c.Kind == CollectionKind.Calendar));
            page = listing.NextRequest(CalendarPageSize);
        }
        return new FeedSource(link, calendars, link.UserName, zone);
    }
}
