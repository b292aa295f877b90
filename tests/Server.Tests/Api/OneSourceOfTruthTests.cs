using System.Globalization;
using System.Text.RegularExpressions;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// The API and CalDAV are two views of one store (issue 7 item 2): writes on either side show up on
/// the other, in sync tokens, calendar-query, feeds and reminders.
/// </summary>
public sealed partial class OneSourceOfTruthTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private string Calendar => $"/calendars/{_server.UserName}/work/";
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await hostFixture.ForTestWithCalendarAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_API_event_appears_in_a_sync_collection_report_with_a_new_token()
    {
        var token = (await _server.GetAsync("/api/calendars")).Json!.AsArray().Single()!["syncToken"]!.GetValue<string>();
        var created = await _server.CreateEventAsync("work", """{"uid":"synced","title":"Synced","start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z"}""");

        // RFC 6578 section 3.2: changes since the token, and a new token.
        var report = await _server.DavAsync("REPORT", Calendar, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <d:sync-collection xmlns:d="DAV:"><d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>
            """);
        Assert.Equal(207, report.Status);
        Assert.Contains(created.Json!["href"]!.GetValue<string>(), report.Text);
        Assert.Contains(created.ETag!.Trim('"'), report.Text);
        var newToken = SyncToken().Match(report.Text).Groups[1].Value;
        Assert.NotEqual(token, newToken);
        Assert.Equal(newToken, (await _server.GetAsync("/api/calendars")).Json!.AsArray().Single()!["syncToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_API_event_is_a_calendar_query_hit_in_its_time_range_only()
    {
        await _server.CreateEventAsync("work", """{"uid":"queried","title":"Queried","start":"2026-12-01T09:00:00","end":"2026-12-01T10:00:00","timeZone":"America/New_York"}""");
        // 09:00 New York is 14:00 UTC (RFC 4791 section 9.9 compares instants).
        Assert.Contains("queried", await QueryAsync("20261201T135959Z", "20261201T140001Z"));
        Assert.DoesNotContain("queried", await QueryAsync("20261201T090000Z", "20261201T100000Z"));
    }

    [Fact]
    public async Task An_API_event_is_in_the_feed_and_a_revoked_feed_link_stops_working()
    {
        var start = DateTime.UtcNow.Date.AddDays(2).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await _server.CreateEventAsync("work", $$"""{"uid":"in-feed","title":"Feed me","start":"{{start}}"}""");
        var link = await _server.PostAsync("/api/feed-links", """{"calendarId":"work","scope":"full"}""");
        Assert.Equal(201, link.Status);
        var url = new Uri(link.Json!["url"]!.GetValue<string>());
        Assert.StartsWith("webcal://", link.Json["webcalUrl"]!.GetValue<string>());
        Assert.Contains(Uri.EscapeDataString(link.Json["webcalUrl"]!.GetValue<string>()), link.Json["googleUrl"]!.GetValue<string>());

        using var anonymous = _server.ClientAs(null);
        var feed = await _server.SendAsync(HttpMethod.Get, url.AbsolutePath, client: anonymous);
        Assert.Equal(200, feed.Status);
        Assert.Contains("UID:in-feed", feed.Text);
        Assert.Contains("SUMMARY:Feed me", feed.Text);

        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Delete, "/api/feed-links/" + link.Json["id"])).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Get, url.AbsolutePath, client: anonymous)).Status);
        Assert.Empty((await _server.GetAsync("/api/feed-links")).Json!.AsArray());
    }

    [Fact]
    public async Task A_CalDAV_event_appears_in_the_API_and_deletes_cross_over_both_ways()
    {
        var put = await _server.DavAsync("PUT", Calendar + "from-dav.ics", SignedInEvent("from-dav", "From a phone"), "text/calendar; charset=utf-8");
        Assert.Equal(201, put.Status);
        var listed = (await _server.GetAsync("/api/calendars/work/events")).Json!["items"]!.AsArray().Single()!;
        Assert.Equal("From a phone", listed["title"]!.GetValue<string>());
        Assert.Equal(put.ETag, listed["etag"]!.GetValue<string>());

        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Delete, "/api/calendars/work/events/from-dav")).Status);
        Assert.Equal(404, (await _server.DavAsync("GET", Calendar + "from-dav.ics")).Status);

        var created = await _server.CreateEventAsync("work", """{"uid":"from-api","start":"2026-12-01T09:00:00Z"}""");
        Assert.Equal(204, (await _server.DavAsync("DELETE", created.Json!["href"]!.GetValue<string>())).Status);
        Assert.Equal(404, (await _server.GetAsync("/api/calendars/work/events/from-api")).Status);
    }

    [Fact]
    public async Task Upcoming_reminders_show_the_reminder_of_an_API_event()
    {
        var start = DateTime.UtcNow.Date.AddDays(2).AddHours(9);
        var text = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await _server.CreateEventAsync("work", $$"""{"uid":"remind-me","title":"Dentist","start":"{{text}}","reminders":[{"action":"email","minutesBefore":90}]}""");
        await _server.CreateEventAsync("work", $$"""{"uid":"silent","title":"No reminder","start":"{{text}}"}""");

        // The write told the reminder observer, which planned the firing in the store (what the scheduler sends).
        var store = _server.App.Services.GetRequiredService<IStore>();
        var planned = await store.GetPendingRemindersAsync(new ObjectRef(new CollectionRef(_server.UserName, "work"), "remind-me.ics"));
        Assert.Equal(Instant.FromDateTimeUtc(DateTime.SpecifyKind(start.AddMinutes(-90), DateTimeKind.Utc)), planned.Single().DueAt);

        var upcoming = await _server.GetAsync("/api/reminders/upcoming?days=7");
        Assert.Equal(200, upcoming.Status);
        var firing = upcoming.Json!.AsArray().Single()!;
        Assert.Equal("work", firing["calendarId"]!.GetValue<string>());
        Assert.Equal("remind-me", firing["eventUid"]!.GetValue<string>());
        Assert.Equal("Dentist", firing["title"]!.GetValue<string>());
        Assert.Equal("email", firing["action"]!.GetValue<string>());
        Assert.Equal(text, firing["instanceStart"]!.GetValue<string>());
        Assert.Equal(start.AddMinutes(-90).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), firing["fireAt"]!.GetValue<string>());
        Assert.Empty((await _server.GetAsync("/api/reminders/upcoming?days=1")).Json!.AsArray());
        Assert.Equal(400, (await _server.GetAsync("/api/reminders/upcoming?days=0")).Status);
    }

    private async Task<string> QueryAsync(string start, string end)
    {
        var report = await _server.DavAsync("REPORT", Calendar, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop>
            <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="{start}" end="{end}"/></c:comp-filter></c:comp-filter></c:filter>
            </c:calendar-query>
            """, decorate: r => r.Headers.Add("Depth", "1"));
        Assert.Equal(207, report.Status);
        return report.Text;
    }

    private static string SignedInEvent(string uid, string summary) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261205T090000Z\r\nDTEND:20261205T100000Z\r\nSUMMARY:{summary}\r\nX-CLIENT-ONLY:kept\r\n" +
        "END:VEVENT\r\nEND:VCALENDAR\r\n";

    [GeneratedRegex("<[a-zA-Z]*:?sync-token>([^<]+)</")]
    private static partial Regex SyncToken();
}
