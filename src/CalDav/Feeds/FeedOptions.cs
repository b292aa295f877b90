using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>How feeds are generated. The host fills it from configuration (see src/Server/CONFIGURATION.md).</summary>
public sealed record FeedOptions
{
    /// <summary>Whole days before today (UTC) that the window reaches back.</summary>
    public int DaysBack { get; init; } = 90;

    /// <summary>Months after today (UTC) that the window reaches ahead.</summary>
    public int MonthsAhead { get; init; } = 18;

    /// <summary>X-WR-TIMEZONE and the zone of floating times when the account has no zone set.</summary>
    public string DefaultTimeZone { get; init; } = "UTC";

    /// <summary>
    /// Stored objects read per store round trip (bounds the memory a feed holds at once). The store's
    /// maximum: fewer round trips measurably speed up large feeds, and 1,000 small objects are a few hundred KB.
    /// </summary>
    public int PageSize { get; init; } = PageRequest.MaxLimit;

    /// <summary>
    /// Memory for the per-object feed output kept between requests (<see cref="FeedObjectCache"/>); 0 turns
    /// it off. About 1 KB per event of a typical calendar, so the default holds some 30,000 events.
    /// </summary>
    public long ObjectCacheBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// Whether feed bodies may be sent br- or gzip-coded to clients that accept it. Off by default:
    /// Outlook failed on gzip feeds (INTEROP.md section 3), and feeds are polled hourly at most.
    /// </summary>
    public bool Compression { get; init; }
}
