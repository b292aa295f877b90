using System.Text.Json.Nodes;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;
using AuroraTime.Server.Calendars;

namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// An event a CalDAV client wrote, edited through the API, keeps everything the JSON does not show:
/// X- properties, ATTENDEEs, overrides (RECURRENCE-ID), VTIMEZONEs, alarms the API cannot show and the
/// spelling of values it did not change (issue 7 item 1). Uses the client fixtures in TestData/clients.
/// </summary>
public sealed class ClientDataPreservationTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private static readonly string[] ChangedByEveryWrite = ["DTSTAMP", "LAST-MODIFIED", "SUMMARY"];
    private ApiServer _server = null!;

    public static TheoryData<string> Fixtures => new() { "apple-calendar.ics", "google-calendar.ics", "outlook.ics", "thunderbird.ics", "evolution.ics" };

    public async Task InitializeAsync() => _server = await hostFixture.ForTestWithCalendarAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Changing_the_title_through_the_API_keeps_everything_else_of_every_event(string fixture)
    {
        foreach (var (uid, original) in await PutFixtureEventsAsync(fixture))
        {
            var path = "/api/calendars/work/events/" + Uri.EscapeDataString(uid);
            var shown = (await _server.GetAsync(path)).Json!.AsObject();
            shown["title"] = "Renamed through the API";
            var replaced = await _server.SendAsync(HttpMethod.Put, path, shown.ToJsonString(),
                decorate: r => r.Headers.TryAddWithoutValidation("If-Match", shown["etag"]!.GetValue<string>()));
            Assert.True(replaced.Status == 200, $"{fixture} {uid}: {replaced}");

            var stored = await StoredAsync(shown["href"]!.GetValue<string>());
            AssertOtherComponentsKept(original, stored, uid);
            var before = Master(original);
            var after = Master(stored);
            Assert.Equal("Renamed through the API", after.GetProperty("SUMMARY")!.RawValue);
            Assert.NotEqual(before.GetProperty("DTSTAMP")!.RawValue, after.GetProperty("DTSTAMP")!.RawValue);
            Assert.NotNull(after.GetProperty("LAST-MODIFIED"));
            // A title is not a significant change (RFC 5546 2.1.4): SEQUENCE stays.
            Assert.Equal(before.GetProperty("SEQUENCE")?.RawValue, after.GetProperty("SEQUENCE")?.RawValue);
            foreach (var property in before.Properties.Where(p => !ChangedByEveryWrite.Contains(p.Name) && p.Name != "DURATION"))
            {
                Assert.True(after.Properties.Any(p => p.ToString() == property.ToString()), $"{fixture} {uid}: lost {property}");
            }
            // Every alarm, shown or not, is byte for byte the same: the JSON sent back the same reminders.
            Assert.Equal(Serialized(before.Components), Serialized(after.Components));
        }
    }

    [Fact]
    public async Task Moving_an_Outlook_event_keeps_its_Windows_TZID_spelling_and_increments_SEQUENCE_only_when_times_change()
    {
        var (uid, original) = (await PutFixtureEventsAsync("outlook.ics")).First(e => Master(e.Original).GetProperty("RRULE") is not null);
        var path = "/api/calendars/work/events/" + Uri.EscapeDataString(uid);
        var shown = (await _server.GetAsync(path)).Json!;
        Assert.Equal("Europe/Berlin", shown["timeZone"]!.GetValue<string>());

        var moved = await _server.SendAsync(HttpMethod.Patch, path, """{"start":"2024-01-15T11:00:00","end":"2024-01-15T12:00:00"}""", "application/merge-patch+json");
        Assert.True(moved.Status == 200, moved.ToString());
        var after = Master(await StoredAsync(shown["href"]!.GetValue<string>()));
        var sequenceBefore = int.Parse(Master(original).GetProperty("SEQUENCE")?.RawValue ?? "0");
        Assert.Equal((sequenceBefore + 1).ToString(), after.GetProperty("SEQUENCE")!.RawValue);
        Assert.Equal("20240115T110000", after.GetProperty("DTSTART")!.RawValue);
        Assert.Equal("W. Europe Standard Time", after.GetProperty("DTSTART")!.GetParameterValue("TZID"));
        Assert.Contains(Master(original).GetProperties("ATTENDEE").Select(a => a.ToString()), a => after.GetProperties("ATTENDEE").Any(b => b.ToString() == a));
        Assert.NotNull(after.GetProperty("X-MICROSOFT-CDO-BUSYSTATUS"));
    }

    [Fact]
    public async Task Removing_a_shown_reminder_keeps_the_alarms_the_API_does_not_show()
    {
        // Apple's fixture has a relative DISPLAY alarm (shown), a default AUDIO alarm and an ACTION:NONE alarm (not shown).
        var (uid, original) = (await PutFixtureEventsAsync("apple-calendar.ics")).First(e => Master(e.Original).GetComponents("VALARM").Count() > 1);
        var path = "/api/calendars/work/events/" + Uri.EscapeDataString(uid);
        var shown = (await _server.GetAsync(path)).Json!;
        var shownIds = shown["reminders"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        var patched = await _server.SendAsync(HttpMethod.Patch, path, """{"reminders":[{"action":"email","minutesBefore":1440}]}""", "application/merge-patch+json");
        Assert.True(patched.Status == 200, patched.ToString());

        var alarms = Master(await StoredAsync(shown["href"]!.GetValue<string>())).GetComponents("VALARM").ToList();
        var hiddenBefore = Master(original).GetComponents("VALARM").Where(a => !shownIds.Contains(a.GetProperty("UID")?.RawValue ?? "")).Select(a => CalendarSerializer.SerializeToString(a)).ToList();
        Assert.NotEmpty(hiddenBefore);
        Assert.All(hiddenBefore, hidden => Assert.Contains(hidden, alarms.Select(a => CalendarSerializer.SerializeToString(a))));
        Assert.DoesNotContain(alarms, a => shownIds.Contains(a.GetProperty("UID")?.RawValue ?? ""));
        var added = alarms.Single(a => a.GetProperty("ACTION")!.RawValue == "EMAIL");
        Assert.Equal("-PT1440M", added.GetProperty("TRIGGER")!.RawValue);
        Assert.StartsWith("mailto:", added.GetProperty("ATTENDEE")!.RawValue);
        Assert.Single(patched.Json!["reminders"]!.AsArray());
    }

    [Fact]
    public async Task Changing_the_description_of_an_Outlook_event_drops_its_stale_HTML_copy_and_keeps_it_otherwise()
    {
        // Outlook shows X-ALT-DESC (FMTTYPE=text/html) instead of DESCRIPTION, so an old HTML copy
        // would hide the new text; the API drops it and Outlook falls back to DESCRIPTION.
        var (uid, original) = (await PutFixtureEventsAsync("outlook.ics")).First(e => Master(e.Original).GetProperty("X-ALT-DESC") is not null);
        var path = "/api/calendars/work/events/" + Uri.EscapeDataString(uid);
        var href = (await _server.GetAsync(path)).Json!["href"]!.GetValue<string>();

        var located = await _server.SendAsync(HttpMethod.Patch, path, """{"location":"Salle 2"}""", "application/merge-patch+json");
        Assert.True(located.Status == 200, located.ToString());
        Assert.Equal(Master(original).GetProperty("X-ALT-DESC")!.ToString(), Master(await StoredAsync(href)).GetProperty("X-ALT-DESC")?.ToString());

        var described = await _server.SendAsync(HttpMethod.Patch, path, """{"description":"Nouvel ordre du jour"}""", "application/merge-patch+json");
        Assert.True(described.Status == 200, described.ToString());
        var after = Master(await StoredAsync(href));
        Assert.Equal("Nouvel ordre du jour", after.GetProperty("DESCRIPTION")!.RawValue);
        Assert.Null(after.GetProperty("X-ALT-DESC"));
        Assert.NotNull(after.GetProperty("X-MICROSOFT-CDO-BUSYSTATUS"));
    }

    private async Task<List<(string Uid, CalendarComponent Original)>> PutFixtureEventsAsync(string fixture)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "clients", fixture));
        var split = CalendarSplitter.Split(CalendarParser.Parse(bytes, IcalReaderOptions.Lenient));
        var events = new List<(string, CalendarComponent)>();
        var index = 0;
        foreach (var item in split.Objects.Where(o => o.ComponentType == "VEVENT"))
        {
            var href = $"/calendars/{_server.UserName}/work/{fixture}-{index++}.ics";
            var put = await _server.DavAsync("PUT", href, CalendarSerializer.SerializeToString(item.Calendar), "text/calendar; charset=utf-8");
            Assert.True(put.Status == 201, $"{fixture}: {put}");
            events.Add((item.Uid, await StoredAsync(href)));
        }
        Assert.NotEmpty(events);
        return events;
    }

    private async Task<CalendarComponent> StoredAsync(string href)
    {
        var get = await _server.DavAsync("GET", href);
        Assert.Equal(200, get.Status);
        return CalendarParser.ParseSingle(get.Text, IcalReaderOptions.Lenient);
    }

    private static CalendarComponent Master(CalendarComponent vcalendar) =>
        vcalendar.GetComponents("VEVENT").FirstOrDefault(e => e.GetProperty("RECURRENCE-ID") is null) ?? vcalendar.GetComponents("VEVENT").First();

    /// <summary>The overrides, VTIMEZONEs and calendar properties are untouched.</summary>
    private static void AssertOtherComponentsKept(CalendarComponent original, CalendarComponent stored, string uid)
    {
        var master = Master(original);
        var others = original.Components.Where(c => !ReferenceEquals(c, master)).Select(c => CalendarSerializer.SerializeToString(c)).ToList();
        var storedOthers = stored.Components.Where(c => !ReferenceEquals(c, Master(stored))).Select(c => CalendarSerializer.SerializeToString(c)).ToList();
        Assert.All(others, other => Assert.Contains(other, storedOthers));
        Assert.Equal(original.Properties.Select(p => p.ToString()), stored.Properties.Select(p => p.ToString()));
        Assert.True(stored.GetComponents("VEVENT").All(e => e.GetProperty("UID")!.RawValue == uid));
    }

    private static List<string> Serialized(IEnumerable<CalendarComponent> components) => components.Select(c => CalendarSerializer.SerializeToString(c)).ToList();
}
