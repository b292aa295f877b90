using System.IO.Pipelines;
using System.Text;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using NodaTime;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>A real SQLite store in a temp folder with the account alice and her calendar "work", for feed tests.</summary>
internal sealed class FeedTestCalendar : IAsyncDisposable
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    private static readonly IcalTimeEngine TimeEngine = new(RecurrenceLimits.Default);

    private readonly string _folder;

    private FeedTestCalendar(SqliteStore store, string folder)
    {
        Store = store;
        _folder = folder;
    }

    public SqliteStore Store { get; }

    public string DatabasePath => Path.Combine(_folder, "aurora.db");

    public CollectionRef Calendar { get; } = new("alice", "work");

    public static async Task<FeedTestCalendar> CreateAsync(string? timeZoneId = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "aurora-feeds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "aurora.db")));
        await store.CreateAccountAsync("alice", "not-a-real-hash", new AccountSettings(timeZoneId));
        var calendar = new FeedTestCalendar(store, folder);
        await store.CreateCollectionAsync(calendar.Calendar, CollectionKind.Calendar, new CollectionProperties(DisplayName: "Work"));
        return calendar;
    }

    /// <summary>
    /// Stores one VCALENDAR with the occurrence bounds and the instance index the CalDAV layer would compute;
    /// without the index when <paramref name="withInstanceIndex"/> is false (rows written before it existed).
    /// </summary>
    public async Task PutAsync(string href, string ics, bool withInstanceIndex = true)
    {
        var data = Encoding.UTF8.GetBytes(ics.ReplaceLineEndings("\r\n"));
        var parsed = CalendarParser.ParseSingle(data);
        var (first, last) = TimeRangeFilter.OccurrenceBounds(parsed, TimeZoneResolver.Default);
        var uid = parsed.Components.First(c => c.Name != "VTIMEZONE").GetProperty("UID")?.RawValue;
        var index = withInstanceIndex ? TimeEngine.EventInstanceIndex(parsed) : null;
        var result = await Store.PutObjectAsync(Calendar.Object(href), new ObjectContent(data, "text/calendar", uid, "VEVENT", first, last, index), WritePrecondition.None);
        Assert.True(result.Outcome.IsSuccess(), $"{href}: {result.Outcome}");
    }

    public Task<StoreOutcome> LinkAsync(string tokenId, FeedScope scope, string? calendar = "work") =>
        Store.CreateFeedLinkAsync(tokenId, "alice", calendar, scope);

    /// <summary>Generates the feed of a new link with <paramref name="scope"/> as the endpoint would, at <see cref="Now"/>.</summary>
    public async Task<string> FeedAsync(FeedScope scope, FeedOptions? options = null)
    {
        options ??= new FeedOptions();
        var tokens = new FeedTokens(new byte[32]);
        var token = tokens.Mint();
        Assert.Equal(StoreOutcome.Created, await LinkAsync(token.TokenId, scope));
        var source = await new FeedLinkResolver(Store, tokens, options).ResolveAsync(token.Token, CancellationToken.None);
        Assert.NotNull(source);
        using var body = new MemoryStream();
        var output = PipeWriter.Create(body);
        await new FeedGenerator(Store, options).WriteAsync(source, FeedWindow.Around(Now, options), output, CancellationToken.None);
        await output.CompleteAsync();
        return Encoding.UTF8.GetString(body.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle still closing; the temp cleaner gets it.
        }
    }
}
