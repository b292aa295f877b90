namespace AuroraTime.Server.Tests.Api;

/// <summary>/api/calendars: the same calendar collections CalDAV clients see.</summary>
public sealed class CalendarApiTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await hostFixture.ForTestAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_created_calendar_is_listed_and_is_a_CalDAV_calendar_at_its_caldavUrl()
    {
        var created = await _server.PostAsync("/api/calendars", """{"id":"family","displayName":"Family","description":"Us","color":"#1BADF8","components":["VEVENT"]}""");
        Assert.Equal(201, created.Status);
        Assert.Equal("/api/calendars/family", created.Location);
        var listed = (await _server.GetAsync("/api/calendars")).Json!.AsArray().Single()!;
        Assert.Equal("family", listed["id"]!.GetValue<string>());
        Assert.Equal("Family", listed["displayName"]!.GetValue<string>());
        Assert.Equal("#1BADF8", listed["color"]!.GetValue<string>());
        Assert.Equal("VEVENT", listed["components"]!.AsArray().Single()!.GetValue<string>());
        var caldavUrl = new Uri(listed["caldavUrl"]!.GetValue<string>());
        Assert.Equal($"/calendars/{_server.UserName}/family/", caldavUrl.AbsolutePath);

        var propfind = await _server.DavAsync("PROPFIND", caldavUrl.AbsolutePath, "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:displayname/><d:resourcetype/><d:sync-token/></d:prop></d:propfind>",
            decorate: r => r.Headers.Add("Depth", "0"));
        Assert.Equal(207, propfind.Status);
        Assert.Contains("Family", propfind.Text);
        Assert.Contains("calendar", propfind.Text);
        Assert.Contains(listed["syncToken"]!.GetValue<string>(), propfind.Text);
    }

    [Fact]
    public async Task Patch_renames_recolours_and_clears_only_the_fields_it_names()
    {
        await _server.PostAsync("/api/calendars", """{"id":"work","displayName":"Work","description":"Job","color":"#FF0000"}""");
        var patched = await _server.SendAsync(HttpMethod.Patch, "/api/calendars/work", """{"displayName":"Office","color":null}""");
        Assert.Equal(200, patched.Status);
        Assert.Equal("Office", patched.Json!["displayName"]!.GetValue<string>());
        Assert.Null(patched.Json["color"]);
        Assert.Equal("Job", patched.Json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_removes_the_calendar_for_CalDAV_too()
    {
        await _server.CreateCalendarAsync("gone");
        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Delete, "/api/calendars/gone")).Status);
        Assert.Equal(404, (await _server.DavAsync("PROPFIND", $"/calendars/{_server.UserName}/gone/", decorate: r => r.Headers.Add("Depth", "0"))).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Delete, "/api/calendars/gone")).Status);
    }

    [Fact]
    public async Task An_account_without_calendars_gets_the_same_default_calendar_CalDAV_clients_get()
    {
        var listed = (await _server.GetAsync("/api/calendars")).Json!.AsArray().Single()!;
        Assert.Equal("default", listed["id"]!.GetValue<string>());
        Assert.Equal(207, (await _server.DavAsync("PROPFIND", $"/calendars/{_server.UserName}/default/", decorate: r => r.Headers.Add("Depth", "0"))).Status);
        Assert.Single((await _server.GetAsync("/api/calendars")).Json!.AsArray());
    }

    [Fact]
    public async Task Creating_an_existing_id_is_409()
    {
        await _server.CreateCalendarAsync();
        Assert.Equal(409, (await _server.PostAsync("/api/calendars", """{"id":"work","displayName":"Again"}""")).Status);
    }

    [Fact]
    public async Task A_calendar_created_by_MKCALENDAR_is_listed()
    {
        Assert.Equal(201, (await _server.DavAsync("MKCALENDAR", $"/calendars/{_server.UserName}/dav-made/")).Status);
        var all = await _server.GetAsync("/api/calendars");
        var listed = all.Json!.AsArray().Where(c => c!["id"]!.GetValue<string>() != "default").Single()!;
        Assert.Equal("dav-made", listed["id"]!.GetValue<string>());
    }
}
