using System.Text;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Reading;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>The feed body: RFC 5545 framing, the subscription headers clients read, zones and the window.</summary>
public class FeedFormatTests
{
    [Fact]
    public async Task Every_line_ends_in_crlf_and_no_line_exceeds_75_octets()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("long.ics", FeedFixtures.Single("long@example", new DateTime(2026, 12, 1, 9, 0, 0), "Ünïcödé " + string.Concat(Enumerable.Repeat("long title with ümlauts ", 12))));
        var bytes = Encoding.UTF8.GetBytes(await calendar.FeedAsync(FeedScope.Full));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        // RFC 5545 section 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("\r\n ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_carries_publish_method_name_zone_and_refresh_hints()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync("Europe/Paris");
        var feed = CalendarParser.ParseSingle(await calendar.FeedAsync(FeedScope.Full));
        Assert.Equal("PUBLISH", feed.GetProperty("METHOD")!.RawValue);
        Assert.Equal("Work", feed.GetProperty("X-WR-CALNAME")!.RawValue);
        Assert.Equal("Europe/Paris", feed.GetProperty("X-WR-TIMEZONE")!.RawValue);
        var refresh = feed.GetProperty("REFRESH-INTERVAL")!;
        Assert.Equal(("DURATION", "PT1H"), (refresh.GetParameterValue("VALUE"), refresh.RawValue));
        Assert.Equal("PT1H", feed.GetProperty("X-PUBLISHED-TTL")!.RawValue);
        Assert.Equal("2.0", feed.GetProperty("VERSION")!.RawValue);
    }

    [Fact]
    public async Task Each_tzid_in_use_gets_exactly_one_vtimezone_from_the_object_or_from_tzdb()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await FeedFixtures.PutAllAsync(calendar);
        await calendar.PutAsync("second-berlin.ics", FeedFixtures.PrivateSeries.Replace("SECRET-uid-therapy", "other-series", StringComparison.Ordinal));
        var feed = CalendarParser.ParseSingle(await calendar.FeedAsync(FeedScope.Full));
        var zones = feed.GetComponents("VTIMEZONE").Select(z => z.GetProperty("TZID")!.RawValue).ToList();
        Assert.Equal(["America/New_York", "Europe/Berlin"], zones.Order());
        var newYork = feed.GetComponents("VTIMEZONE").Single(z => z.GetProperty("TZID")!.RawValue == "America/New_York");
        Assert.NotEmpty(newYork.GetComponents("STANDARD"));
        Assert.NotEmpty(newYork.GetComponents("DAYLIGHT"));
    }

    [Fact]
    public async Task Events_outside_the_window_are_left_out_and_the_window_is_configurable()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("old.ics", FeedFixtures.LongAgo);
        await calendar.PutAsync("soon.ics", FeedFixtures.Single("soon@example", new DateTime(2026, 12, 1, 9, 0, 0), "Soon"));
        await calendar.PutAsync("far.ics", FeedFixtures.Single("far@example", new DateTime(2029, 1, 1, 9, 0, 0), "Far"));
        var uids = UidsOf(await calendar.FeedAsync(FeedScope.Full));
        Assert.Equal(["soon@example"], uids);
        var wide = UidsOf(await calendar.FeedAsync(FeedScope.Full, new FeedOptions { DaysBack = 1000, MonthsAhead = 40 }));
        Assert.Equal(["far@example", "long-ago@example", "soon@example"], wide.Order());
    }

    [Fact]
    public async Task A_series_that_started_before_the_window_and_runs_into_it_is_kept_unexpanded()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("weekly.ics", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VEVENT
            UID:weekly@example
            DTSTAMP:20200101T000000Z
            DTSTART:20200106T090000Z
            DURATION:PT30M
            RRULE:FREQ=WEEKLY
            SUMMARY:Forever weekly
            END:VEVENT
            END:VCALENDAR
            """);
        var feed = CalendarParser.ParseSingle(await calendar.FeedAsync(FeedScope.Full));
        var vevent = Assert.Single(feed.GetComponents("VEVENT"));
        Assert.Equal("20200106T090000Z", vevent.GetProperty("DTSTART")!.RawValue);
    }

    [FeedOracleFact]
    public async Task Every_scope_parses_with_icaljs_and_python_icalendar()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync("Europe/Berlin");
        await FeedFixtures.PutAllAsync(calendar);
        var folder = Directory.CreateTempSubdirectory("aurora-feed-oracle-");
        try
        {
            foreach (var (scope, events) in new[] { (FeedScope.Full, 5), (FeedScope.BusyOnly, 4), (FeedScope.NoPrivate, 5) })
            {
                var path = Path.Combine(folder.FullName, $"{scope}.ics");
                await File.WriteAllTextAsync(path, await calendar.FeedAsync(scope));
                Assert.Equal($"{events} 2", FeedOracles.IcalJsCounts(path));
                Assert.Equal($"{events} 2", FeedOracles.PythonCounts(path));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<string> UidsOf(string feed) =>
        CalendarParser.ParseSingle(feed).GetComponents("VEVENT").Select(e => e.GetProperty("UID")!.RawValue).ToList();
}
