using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// The span of time a feed publishes, at whole UTC days so the feed (and its ETag) changes at most
/// once a day because of the clock.
/// </summary>
public readonly record struct FeedWindow(Instant Start, Instant End)
{
    public static FeedWindow Around(Instant now, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var today = now.InUtc().Date;
        return new FeedWindow(
            today.PlusDays(-options.DaysBack).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(),
            today.PlusMonths(options.MonthsAhead).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
    }
}
