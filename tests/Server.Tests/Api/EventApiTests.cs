using System.Text.Json.Nodes;

namespace AuroraTime.Server.Tests.Api;

/// <summary>/api/calendars/{id}/events: ETags, preconditions, validation, paging, size limits.</summary>
public sealed class EventApiTests(SmallResourceApiHostFixture hostFixture) : IClassFixture<SmallResourceApiHostFixture>, IAsyncLifetime
{
    private const string Events = "/api/calendars/work/events";
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await hostFixture.ForTestWithCalendarAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_returns_201_Location_and_the_same_ETag_CalDAV_reports()
    {
        var created = await _server.CreateEventAsync("work", """
            {"uid":"standup-1","title":"Stand-up","start":"2026-11-23T09:00:00","end":"2026-11-23T09:15:00","timeZone":"Europe/Berlin",
             "location":"Room 1","description":"Daily, short","status":"confirmed","recurrence":"FREQ=WEEKLY;BYDAY=MO,WE",
             "reminders":[{"action":"display","minutesBefore":10}]}
            """);
        Assert.Equal("/api/calendars/work/events/standup-1", created.Location);
        var shown = created.Json!;
        Assert.Equal(created.ETag, shown["etag"]!.GetValue<string>());
        Assert.Equal("2026-11-23T09:00:00", shown["start"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", shown["timeZone"]!.GetValue<string>());
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO,WE", shown["recurrence"]!.GetValue<string>());
        Assert.Equal("confirmed", shown["status"]!.GetValue<string>());
        var reminder = shown["reminders"]!.AsArray().Single()!;
        Assert.Equal(10, reminder["minutesBefore"]!.GetValue<int>());
        Assert.Equal("start", reminder["relatedTo"]!.GetValue<string>());

        var href = shown["href"]!.GetValue<string>();
        var dav = await _server.DavAsync("GET", href);
        Assert.Equal(200, dav.Status);
        Assert.Equal(created.ETag, dav.ETag);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20261123T090000", dav.Text);
        Assert.Contains("BEGIN:VTIMEZONE", dav.Text); // RFC 5545 3.2.19: the TZID's definition travels with it.

        var fetched = await _server.GetAsync(Events + "/standup-1");
        Assert.Equal(created.ETag, fetched.ETag);
        Assert.True(JsonNode.DeepEquals(shown, fetched.Json));
    }

    [Fact]
    public async Task All_day_and_UTC_times_round_trip_in_their_own_forms()
    {
        var allDay = await _server.CreateEventAsync("work", """{"uid":"holiday","title":"Holiday","allDay":true,"start":"2026-12-24","end":"2026-12-27"}""");
        Assert.Equal("2026-12-24", allDay.Json!["start"]!.GetValue<string>());
        Assert.Equal("2026-12-27", allDay.Json["end"]!.GetValue<string>());
        Assert.Null(allDay.Json["timeZone"]);
        Assert.Contains("DTSTART;VALUE=DATE:20261224", (await _server.DavAsync("GET", allDay.Json["href"]!.GetValue<string>())).Text);

        var utc = await _server.CreateEventAsync("work", """{"uid":"call","title":"Call","start":"2026-12-01T16:00:00Z","end":"2026-12-01T16:30:00Z"}""");
        Assert.Equal("2026-12-01T16:00:00Z", utc.Json!["start"]!.GetValue<string>());
        Assert.Equal("UTC", utc.Json["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task If_Match_with_a_stale_ETag_is_412_and_changes_nothing()
    {
        var created = await _server.CreateEventAsync("work", """{"uid":"e1","title":"One","start":"2026-12-01T09:00:00Z"}""");
        var replaced = await _server.SendAsync(HttpMethod.Put, Events + "/e1", """{"title":"Two","start":"2026-12-01T09:00:00Z"}""",
            decorate: r => r.Headers.TryAddWithoutValidation("If-Match", created.ETag));
        Assert.Equal(200, replaced.Status);
        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal("Two", replaced.Json!["title"]!.GetValue<string>());

        foreach (var (method, body, type) in new[]
        {
            (HttpMethod.Put, """{"title":"Three","start":"2026-12-01T09:00:00Z"}""", "application/json"),
            (HttpMethod.Patch, """{"title":"Three"}""", "application/merge-patch+json"),
            (HttpMethod.Delete, (string?)null, "application/json"),
        })
        {
            var stale = await _server.SendAsync(method, Events + "/e1", body, type, r => r.Headers.TryAddWithoutValidation("If-Match", created.ETag));
            Assert.Equal(412, stale.Status);
            Assert.Equal("application/problem+json", stale.MediaType);
        }
        Assert.Equal("Two", (await _server.GetAsync(Events + "/e1")).Json!["title"]!.GetValue<string>());

        var deleted = await _server.SendAsync(HttpMethod.Delete, Events + "/e1", decorate: r => r.Headers.TryAddWithoutValidation("If-Match", replaced.ETag));
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, (await _server.GetAsync(Events + "/e1")).Status);
    }

    [Fact]
    public async Task Put_to_a_missing_uid_creates_it_but_not_with_If_Match()
    {
        var conditional = await _server.SendAsync(HttpMethod.Put, Events + "/new-1", """{"start":"2026-12-01T09:00:00Z"}""",
            decorate: r => r.Headers.TryAddWithoutValidation("If-Match", "\"abc\""));
        Assert.Equal(412, conditional.Status);
        var created = await _server.SendAsync(HttpMethod.Put, Events + "/new-1", """{"title":"Made by PUT","start":"2026-12-01T09:00:00Z"}""");
        Assert.Equal(201, created.Status);
        Assert.Equal("new-1", created.Json!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_patch_changes_named_fields_removes_nulls_and_keeps_the_rest()
    {
        await _server.CreateEventAsync("work", """{"uid":"p1","title":"Plan","location":"Here","start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z","reminders":[{"action":"email","minutesBefore":60}]}""");
        var patched = await _server.SendAsync(HttpMethod.Patch, Events + "/p1", """{"title":"Plan B","location":null}""", "application/merge-patch+json");
        Assert.Equal(200, patched.Status);
        Assert.Equal("Plan B", patched.Json!["title"]!.GetValue<string>());
        Assert.Null(patched.Json["location"]);
        Assert.Equal("2026-12-01T10:00:00Z", patched.Json["end"]!.GetValue<string>());
        Assert.Equal("email", patched.Json["reminders"]!.AsArray().Single()!["action"]!.GetValue<string>());

        var wrongType = await _server.SendAsync(HttpMethod.Patch, Events + "/p1", """{"title":"X"}""");
        Assert.Equal(415, wrongType.Status);
        var uidChange = await _server.SendAsync(HttpMethod.Patch, Events + "/p1", """{"uid":"other"}""", "application/merge-patch+json");
        Assert.Equal(400, uidChange.Status);
    }

    [Fact]
    public async Task Bad_bodies_get_415_413_and_400_with_the_position()
    {
        Assert.Equal(415, (await _server.SendAsync(HttpMethod.Post, Events, "BEGIN:VCALENDAR", "text/calendar")).Status);
        var malformed = await _server.PostAsync(Events, "{\n  \"title\": \"x\",\n  oops\n}");
        Assert.Equal(400, malformed.Status);
        Assert.Contains("line 3", malformed.FieldErrors("body"));
        var huge = await _server.PostAsync(Events, $$"""{"title":"{{new string('x', 1_100_000)}}","start":"2026-12-01T09:00:00Z"}""");
        Assert.Equal(413, huge.Status);
        // Under the JSON limit but over this store's 20000-byte max-resource-size (RFC 4791 5.3.2.1).
        var tooBigEvent = await _server.PostAsync(Events, $$"""{"title":"big","description":"{{new string('y', 30_000)}}","start":"2026-12-01T09:00:00Z"}""");
        Assert.Equal(413, tooBigEvent.Status);
        Assert.Empty((await _server.GetAsync(Events)).Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_second_event_with_the_same_uid_is_409()
    {
        await _server.CreateEventAsync("work", """{"uid":"dup","start":"2026-12-01T09:00:00Z"}""");
        Assert.Equal(409, (await _server.PostAsync(Events, """{"uid":"dup","start":"2026-12-02T09:00:00Z"}""")).Status);
    }

    [Fact]
    public async Task Listing_pages_with_a_cursor_that_is_checked_and_filters_by_range()
    {
        for (var day = 1; day <= 5; day++)
        {
            await _server.CreateEventAsync("work", $$"""{"uid":"day-{{day}}","start":"2026-12-0{{day}}T09:00:00Z","end":"2026-12-0{{day}}T10:00:00Z"}""");
        }
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _server.GetAsync(Events + "?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(200, page.Status);
            Assert.True(page.Json!["items"]!.AsArray().Count <= 2);
            seen.AddRange(page.Json["items"]!.AsArray().Select(e => e!["uid"]!.GetValue<string>()));
            cursor = page.Json["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);
        Assert.Equal(["day-1", "day-2", "day-3", "day-4", "day-5"], seen.Order());
        Assert.True(pages >= 3);

        var first = await _server.GetAsync(Events + "?limit=2");
        var validCursor = first.Json!["nextCursor"]!.GetValue<string>();
        Assert.Equal(400, (await _server.GetAsync(Events + "?limit=2&from=2026-12-01T00:00:00Z&cursor=" + Uri.EscapeDataString(validCursor))).Status);
        Assert.Equal(400, (await _server.GetAsync(Events + "?cursor=not-a-cursor")).Status);
        Assert.Equal(400, (await _server.GetAsync(Events + "?limit=0")).Status);
        Assert.Equal(400, (await _server.GetAsync(Events + "?from=yesterday")).Status);

        var ranged = await _server.GetAsync(Events + "?from=2026-12-02T00:00:00Z&to=2026-12-04T00:00:00Z");
        Assert.Equal(["day-2", "day-3"], ranged.Json!["items"]!.AsArray().Select(e => e!["uid"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_recurring_series_is_listed_once_when_any_instance_is_in_range()
    {
        await _server.CreateEventAsync("work", """{"uid":"weekly","start":"2026-01-05T09:00:00Z","end":"2026-01-05T10:00:00Z","recurrence":"FREQ=WEEKLY"}""");
        var items = (await _server.GetAsync(Events + "?from=2026-06-01T00:00:00Z&to=2026-06-08T00:00:00Z")).Json!["items"]!.AsArray();
        Assert.Equal("FREQ=WEEKLY", items.Single()!["recurrence"]!.GetValue<string>());
        var before = (await _server.GetAsync(Events + "?from=2025-06-01T00:00:00Z&to=2025-06-08T00:00:00Z")).Json!["items"]!.AsArray();
        Assert.Empty(before);
    }
}
