using System.IO.Pipelines;
using System.Text;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Reading;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>
/// The per-object output cache (FeedObjectCache) changes how fast a feed is made, never what it says:
/// the same bytes as without it, across scopes, links, edits and moving windows, within its memory bound.
/// </summary>
public class FeedObjectCacheTests
{
    private static readonly FeedOptions Uncached = new() { ObjectCacheBytes = 0 };

    private static async Task<FeedSource> LinkAsync(FeedTestCalendar calendar, FeedTokens tokens, FeedScope scope, FeedOptions options)
    {
        var token = tokens.Mint();
        Assert.Equal(StoreOutcome.Created, await calendar.LinkAsync(token.TokenId, scope));
        return (await new FeedLinkResolver(calendar.Store, tokens, options).ResolveAsync(token.Token, CancellationToken.None))!;
    }

    private static async Task<string> WriteAsync(FeedGenerator generator, FeedSource source, FeedWindow window)
    {
        using var body = new MemoryStream();
        var output = PipeWriter.Create(body);
        await generator.WriteAsync(source, window, output, CancellationToken.None);
        await output.CompleteAsync();
        return Encoding.UTF8.GetString(body.ToArray());
    }

    /// <summary>The link as it is now (new sync token), as the endpoint resolves it on each request.</summary>
    private static async Task<FeedSource> ReloadAsync(FeedTestCalendar calendar, FeedSource source) =>
        source with { Calendars = [(await calendar.Store.GetCollectionAsync(calendar.Calendar))!] };

    [Theory]
    [InlineData(FeedScope.Full)]
    [InlineData(FeedScope.BusyOnly)]
    [InlineData(FeedScope.NoPrivate)]
    public async Task Cached_feeds_are_byte_for_byte_the_uncached_feed(FeedScope scope)
    {
        await using var calendar = await FeedTestCalendar.CreateAsync("Europe/Berlin");
        await FeedFixtures.PutAllAsync(calendar);
        var options = new FeedOptions { PageSize = 2 };
        var source = await LinkAsync(calendar, new FeedTokens(new byte[32]), scope, options);
        var window = FeedWindow.Around(FeedTestCalendar.Now, options);
        var cached = new FeedGenerator(calendar.Store, options);

        var expected = await WriteAsync(new FeedGenerator(calendar.Store, Uncached), source, window);
        var first = await WriteAsync(cached, source, window);
        Assert.True(cached.ObjectCache.Count > 0);
        var second = await WriteAsync(cached, source, window);

        Assert.Contains("BEGIN:VEVENT", expected, StringComparison.Ordinal);
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
    }

    [Fact]
    public async Task One_generator_serving_several_links_keeps_each_links_scope()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await FeedFixtures.PutAllAsync(calendar);
        var options = new FeedOptions();
        var tokens = new FeedTokens(new byte[32]);
        var window = FeedWindow.Around(FeedTestCalendar.Now, options);
        var shared = new FeedGenerator(calendar.Store, options);

        var full = await WriteAsync(shared, await LinkAsync(calendar, tokens, FeedScope.Full, options), window);
        var busyLink = await LinkAsync(calendar, tokens, FeedScope.BusyOnly, options);
        var busy = await WriteAsync(shared, busyLink, window);
        var otherBusyLink = await LinkAsync(calendar, tokens, FeedScope.BusyOnly, options);
        var otherBusy = await WriteAsync(shared, otherBusyLink, window);

        Assert.Contains("SECRET", full, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", busy, StringComparison.Ordinal);
        Assert.Equal(await WriteAsync(new FeedGenerator(calendar.Store, Uncached), busyLink, window), busy);
        // Busy blocks get UIDs salted per link: another link must not be served the first link's UIDs.
        Assert.Equal(await WriteAsync(new FeedGenerator(calendar.Store, Uncached), otherBusyLink, window), otherBusy);
        Assert.NotEqual(busy, otherBusy);
    }

    [Fact]
    public async Task An_edited_event_is_served_as_edited_on_the_next_request()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("a.ics", FeedFixtures.Single("a@example", new DateTime(2026, 12, 1, 9, 0, 0), "Before the edit"));
        var options = new FeedOptions();
        var source = await LinkAsync(calendar, new FeedTokens(new byte[32]), FeedScope.Full, options);
        var window = FeedWindow.Around(FeedTestCalendar.Now, options);
        var generator = new FeedGenerator(calendar.Store, options);
        Assert.Contains("SUMMARY:Before the edit\r\n", await WriteAsync(generator, source, window), StringComparison.Ordinal);

        await calendar.PutAsync("a.ics", FeedFixtures.Single("a@example", new DateTime(2026, 12, 1, 9, 0, 0), "After the edit"));
        var after = await WriteAsync(generator, await ReloadAsync(calendar, source), window);

        Assert.Contains("SUMMARY:After the edit\r\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Before the edit", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_is_tested_again_when_the_window_moves()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        // Instances on 2025-01-10 and 2028-01-10: the stored bounds overlap both windows below, so only the
        // exact test decides. The window of 2026-06-01 ([2026-03-03, 2027-12-01)) holds no instance, the
        // window of 2026-11-22 ([2026-08-24, 2028-05-22)) holds the second.
        await calendar.PutAsync("rare.ics", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//t//EN
            BEGIN:VEVENT
            UID:rare@example
            DTSTAMP:20260101T000000Z
            DTSTART:20250110T100000Z
            DURATION:PT1H
            RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=2
            SUMMARY:Rare series
            END:VEVENT
            END:VCALENDAR
            """);
        var options = new FeedOptions();
        var source = await LinkAsync(calendar, new FeedTokens(new byte[32]), FeedScope.Full, options);
        var generator = new FeedGenerator(calendar.Store, options);

        var june = await WriteAsync(generator, source, FeedWindow.Around(Instant.FromUtc(2026, 6, 1, 12, 0), options));
        var november = await WriteAsync(generator, source, FeedWindow.Around(FeedTestCalendar.Now, options));
        var juneAgain = await WriteAsync(generator, source, FeedWindow.Around(Instant.FromUtc(2026, 6, 1, 12, 0), options));

        Assert.DoesNotContain("Rare series", june, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Rare series", november, StringComparison.Ordinal);
        Assert.Equal(june, juneAgain);
    }

    [Fact]
    public async Task The_cache_stays_within_its_budget_and_the_feed_stays_whole()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        for (var i = 0; i < 120; i++)
        {
            await calendar.PutAsync($"e{i}.ics", FeedFixtures.Single($"e{i}@example", new DateTime(2026, 12, 1, 9, 0, 0).AddDays(i), $"Event {i}"));
        }
        // Room for roughly 20 entries of ~600 bytes (payload plus bookkeeping) in two generations.
        var small = new FeedOptions { ObjectCacheBytes = 12_000 };
        var source = await LinkAsync(calendar, new FeedTokens(new byte[32]), FeedScope.Full, small);
        var window = FeedWindow.Around(FeedTestCalendar.Now, small);
        var generator = new FeedGenerator(calendar.Store, small);

        var first = await WriteAsync(generator, source, window);
        var second = await WriteAsync(generator, source, window);

        Assert.InRange(generator.ObjectCache.Count, 1, 30);
        Assert.Equal(120, CalendarParser.ParseSingle(second).GetComponents("VEVENT").Count());
        Assert.Equal(first, second);
        Assert.Equal(await WriteAsync(new FeedGenerator(calendar.Store, Uncached), source, window), second);
    }

    /// <summary>
    /// Cut outputs are as cheap to rebuild as to find; when the window holds more of them than the budget, they
    /// fill the free room once and stay, instead of turning the generations over on every request (which made
    /// every request of a 100,000-event feed run cold).
    /// </summary>
    [Fact]
    public async Task Cut_outputs_beyond_the_budget_do_not_push_out_those_already_cached()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        for (var i = 0; i < 120; i++)
        {
            // With its final line end, as clients send it: in serialised form, so cut rather than parsed.
            await calendar.PutAsync($"e{i:D3}.ics", FeedFixtures.Single($"e{i}@example", new DateTime(2026, 12, 1, 9, 0, 0).AddDays(i), $"Event {i}") + "\r\n");
        }
        var small = new FeedOptions { ObjectCacheBytes = 24_000 };
        var source = await LinkAsync(calendar, new FeedTokens(new byte[32]), FeedScope.Full, small);
        var window = FeedWindow.Around(FeedTestCalendar.Now, small);
        var generator = new FeedGenerator(calendar.Store, small);
        var first = (await calendar.Store.GetObjectAsync(calendar.Calendar.Object("e000.ics")))!;
        Assert.NotNull(StoredEventSlicer.TrySlice(first.Data.Span));

        var feed = await WriteAsync(generator, source, window);
        var cachedAfterOne = generator.ObjectCache.Count;
        var firstEntry = generator.ObjectCache.Find(calendar.Calendar, first, source.Link.TokenId);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(feed, await WriteAsync(generator, source, window));
        }

        Assert.InRange(cachedAfterOne, 5, 119); // some fit, not all
        Assert.Equal(cachedAfterOne, generator.ObjectCache.Count);
        Assert.Same(firstEntry, generator.ObjectCache.Find(calendar.Calendar, first, source.Link.TokenId));
    }

    [Fact]
    public async Task An_object_the_engine_cannot_read_is_left_out_on_every_request()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("good.ics", FeedFixtures.Single("good@example", new DateTime(2026, 12, 1, 9, 0, 0), "Readable"));
        var bad = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad\r\nDTSTART:20261201T090000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
        var stored = await calendar.Store.PutObjectAsync(calendar.Calendar.Object("bad.ics"),
            new ObjectContent(bad, "text/calendar", "bad", "VEVENT", Instant.FromUtc(2026, 12, 1, 9, 0), Instant.FromUtc(2026, 12, 1, 10, 0)), WritePrecondition.None);
        Assert.True(stored.Outcome.IsSuccess());
        var options = new FeedOptions();
        var source = await LinkAsync(calendar, new FeedTokens(new byte[32]), FeedScope.Full, options);
        var window = FeedWindow.Around(FeedTestCalendar.Now, options);
        var generator = new FeedGenerator(calendar.Store, options);

        foreach (var feed in new[] { await WriteAsync(generator, source, window), await WriteAsync(generator, source, window) })
        {
            Assert.Equal("good@example", Assert.Single(CalendarParser.ParseSingle(feed).GetComponents("VEVENT")).GetProperty("UID")!.RawValue);
        }
    }
}
