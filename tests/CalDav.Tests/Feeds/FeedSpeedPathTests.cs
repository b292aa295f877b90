using System.IO.Pipelines;
using System.Text;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Reading;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>
/// The shortcuts that make large feeds fast (time range decided from stored bounds, cached VTIMEZONEs
/// and Last-Modified) give the same answers as the exact paths. The window at <see cref="FeedTestCalendar.Now"/>
/// is [2026-08-24T00:00Z, 2028-05-22T00:00Z).
/// </summary>
public class FeedSpeedPathTests
{
    private static string Event(string uid, string dtstart, string end, string extra = "") =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n" +
        $"DTSTART:{dtstart}\r\n{end}{extra}SUMMARY:{uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private static async Task<(FeedSource Source, FeedWindow Window)> LinkAsync(FeedTestCalendar calendar, FeedOptions options)
    {
        var tokens = new FeedTokens(new byte[32]);
        var token = tokens.Mint();
        Assert.Equal(StoreOutcome.Created, await calendar.LinkAsync(token.TokenId, FeedScope.Full));
        var source = await new FeedLinkResolver(calendar.Store, tokens, options).ResolveAsync(token.Token, CancellationToken.None);
        Assert.NotNull(source);
        return (source, FeedWindow.Around(FeedTestCalendar.Now, options));
    }

    private static async Task<string> WriteAsync(FeedGenerator generator, FeedSource source, FeedWindow window)
    {
        using var body = new MemoryStream();
        var output = PipeWriter.Create(body);
        await generator.WriteAsync(source, window, output, CancellationToken.None);
        await output.CompleteAsync();
        return Encoding.UTF8.GetString(body.ToArray());
    }

    [Fact]
    public async Task Events_at_the_window_edges_follow_the_RFC_4791_table()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("ends-at-start.ics", Event("ends-at-start", "20260823T230000Z", "DTEND:20260824T000000Z\r\n"));
        await calendar.PutAsync("starts-at-start.ics", Event("starts-at-start", "20260824T000000Z", "DTEND:20260824T010000Z\r\n"));
        await calendar.PutAsync("instant-at-start.ics", Event("instant-at-start", "20260824T000000Z", ""));
        await calendar.PutAsync("ends-at-end.ics", Event("ends-at-end", "20280521T230000Z", "DTEND:20280522T000000Z\r\n"));
        await calendar.PutAsync("starts-at-end.ics", Event("starts-at-end", "20280522T000000Z", "DTEND:20280522T010000Z\r\n"));
        await calendar.PutAsync("floating-inside.ics", Event("floating-inside", "20270101T100000", "DURATION:PT1H\r\n"));

        var feed = CalendarParser.ParseSingle(await calendar.FeedAsync(FeedScope.Full));

        var uids = feed.GetComponents("VEVENT").Select(e => e.GetProperty("UID")!.RawValue).Order(StringComparer.Ordinal);
        Assert.Equal(["ends-at-end", "floating-inside", "instant-at-start", "starts-at-start"], uids);
    }

    [Fact]
    public async Task A_series_whose_only_instance_is_excluded_is_left_out_although_its_bounds_lie_inside()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("gone.ics", Event("gone", "20270101T100000Z", "DURATION:PT1H\r\n", "RRULE:FREQ=DAILY;COUNT=1\r\nEXDATE:20270101T100000Z\r\n"));
        await calendar.PutAsync("kept.ics", Event("kept", "20270101T100000Z", "DURATION:PT1H\r\n", "RRULE:FREQ=DAILY;COUNT=2\r\nEXDATE:20270101T100000Z\r\n"));

        var feed = CalendarParser.ParseSingle(await calendar.FeedAsync(FeedScope.Full));

        Assert.Equal("kept", Assert.Single(feed.GetComponents("VEVENT")).GetProperty("UID")!.RawValue);
    }

    /// <summary>
    /// Objects stored with their instances (EventSpanIndex, as CalDAV PUT and aurora import store them) are kept
    /// or left out of the window without parsing; rows without an index take the exact test. Both must agree.
    /// </summary>
    [Fact]
    public async Task A_feed_decided_from_stored_instances_is_the_feed_the_exact_test_gives()
    {
        await using var indexed = await FeedTestCalendar.CreateAsync("Europe/Berlin");
        await using var exact = await FeedTestCalendar.CreateAsync("Europe/Berlin");
        foreach (var (calendar, withIndex) in new[] { (indexed, true), (exact, false) })
        {
            await FeedFixtures.PutAllAsync(calendar);
            await calendar.PutAsync("ends-at-start.ics", Event("ends-at-start", "20260823T230000Z", "DTEND:20260824T000000Z\r\n"), withIndex);
            await calendar.PutAsync("instant-at-start.ics", Event("instant-at-start", "20260824T000000Z", ""), withIndex);
            await calendar.PutAsync("starts-at-end.ics", Event("starts-at-end", "20280522T000000Z", "DTEND:20280522T010000Z\r\n"), withIndex);
            await calendar.PutAsync("gone.ics", Event("gone", "20270101T100000Z", "DURATION:PT1H\r\n", "RRULE:FREQ=DAILY;COUNT=1\r\nEXDATE:20270101T100000Z\r\n"), withIndex);
            await calendar.PutAsync("before.ics", Event("before", "20250110T100000Z", "DURATION:PT1H\r\n", "RRULE:FREQ=WEEKLY;COUNT=3\r\n"), withIndex);
            await calendar.PutAsync("into.ics", Event("into", "20260801T100000Z", "DURATION:PT1H\r\n", "RRULE:FREQ=WEEKLY;COUNT=5\r\n"), withIndex);
            await calendar.PutAsync("rare.ics", Event("rare", "20250110T100000Z", "DURATION:PT1H\r\n", "RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=2\r\n"), withIndex);
        }
        Assert.NotNull((await indexed.Store.GetObjectAsync(indexed.Calendar.Object("into.ics")))!.InstanceIndex);

        // The window decision does not depend on the scope; Full, because other scopes derive UIDs from the link.
        var fromIndex = await indexed.FeedAsync(FeedScope.Full);
        var fromExactTest = await exact.FeedAsync(FeedScope.Full);

        Assert.Equal(fromExactTest, fromIndex);
        var uids = CalendarParser.ParseSingle(fromIndex).GetComponents("VEVENT").Select(e => e.GetProperty("UID")!.RawValue).ToHashSet();
        Assert.Contains("into", uids);
        Assert.Contains("rare", uids);
        Assert.DoesNotContain("before", uids);
        Assert.DoesNotContain("gone", uids);
        Assert.DoesNotContain("ends-at-start", uids);
        Assert.DoesNotContain("starts-at-end", uids);
    }

    [Fact]
    public async Task Last_modified_from_a_reused_generator_follows_every_change()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        var options = new FeedOptions();
        var reused = new FeedGenerator(calendar.Store, options);
        await calendar.PutAsync("a.ics", Event("a", "20270101T100000Z", "DURATION:PT1H\r\n"));
        var (before, _) = await LinkAsync(calendar, options);
        Assert.Equal(
            await new FeedGenerator(calendar.Store, options).LastModifiedAsync(before, Instant.MinValue, CancellationToken.None),
            await reused.LastModifiedAsync(before, Instant.MinValue, CancellationToken.None));

        for (var change = 0; change < 3; change++)
        {
            await Task.Delay(5); // a later modification time than the previous write
            await calendar.PutAsync($"b{change}.ics", Event($"b{change}", "20270101T100000Z", "DURATION:PT1H\r\n"));
            var (current, _) = await LinkAsync(calendar, options); // the calendar as it is now, new sync token
            var fromReused = await reused.LastModifiedAsync(current, Instant.MinValue, CancellationToken.None);
            var fromFresh = await new FeedGenerator(calendar.Store, options).LastModifiedAsync(current, Instant.MinValue, CancellationToken.None);
            Assert.Equal(fromFresh, fromReused);
        }
    }

    [Fact]
    public async Task A_reused_generator_writes_the_same_feed_as_a_fresh_one()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await FeedFixtures.PutAllAsync(calendar);
        var options = new FeedOptions { PageSize = 2 };
        var (source, window) = await LinkAsync(calendar, options);
        var reused = new FeedGenerator(calendar.Store, options);

        var first = await WriteAsync(reused, source, window);
        var second = await WriteAsync(reused, source, window);
        var fresh = await WriteAsync(new FeedGenerator(calendar.Store, options), source, window);

        Assert.Contains("BEGIN:VTIMEZONE", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(fresh, second);
    }
}
