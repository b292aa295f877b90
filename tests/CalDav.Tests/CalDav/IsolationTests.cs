namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// Each account sees only its own principal and home: another user's paths answer 404, so a
/// client cannot even learn which calendars exist there.
/// </summary>
public sealed class IsolationTests : IAsyncLifetime
{
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        await _host.PropfindAsync("/calendars/bob/", "<D:resourcetype/>", depth: "1", user: "bob");
        Assert.Equal(201, (await _host.PutAsync("/calendars/bob/default/secret.ics", Ics.Event("secret"), user: "bob")).Status);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("PROPFIND", "/principals/bob/")]
    [InlineData("PROPFIND", "/calendars/bob/")]
    [InlineData("PROPFIND", "/calendars/bob/default/")]
    [InlineData("GET", "/calendars/bob/default/secret.ics")]
    [InlineData("DELETE", "/calendars/bob/default/secret.ics")]
    [InlineData("PROPPATCH", "/calendars/bob/default/")]
    [InlineData("REPORT", "/calendars/bob/default/")]
    public async Task Another_users_paths_answer_404(string method, string path)
    {
        var body = method switch
        {
            "PROPFIND" => "<D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>",
            "PROPPATCH" => "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:displayname>x</D:displayname></D:prop></D:set></D:propertyupdate>",
            "REPORT" => "<C:calendar-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\" xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name=\"VCALENDAR\"/></C:filter></C:calendar-query>",
            _ => null,
        };
        var response = await _host.SendAsync(method, path, body);
        Assert.Equal(404, response.Status);
        Assert.Equal(200, (await _host.SendAsync("GET", "/calendars/bob/default/secret.ics", user: "bob")).Status);
    }

    [Fact]
    public async Task Writing_into_another_users_calendar_is_refused_and_stores_nothing()
    {
        var response = await _host.PutAsync("/calendars/bob/default/planted.ics", Ics.Event("planted"));
        Assert.True(response.Status is 403 or 404 or 409, $"status {response.Status}");
        Assert.Equal(404, (await _host.SendAsync("GET", "/calendars/bob/default/planted.ics", user: "bob")).Status);
    }

    [Fact]
    public async Task Listings_of_the_shared_roots_show_only_the_signed_in_user()
    {
        var principals = await _host.PropfindAsync("/principals/", "<D:resourcetype/>", depth: "1");
        Assert.Equal(["/principals/", "/principals/alice/"], principals.Hrefs());
        var calendars = await _host.PropfindAsync("/calendars/", "<D:resourcetype/>", depth: "1");
        Assert.DoesNotContain(calendars.Hrefs(), h => h.Contains("bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multiget_naming_another_users_object_gets_404_for_it()
    {
        var response = await _host.ReportAsync("/calendars/alice/default/", """
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>
              <D:href>/calendars/bob/default/secret.ics</D:href>
            </C:calendar-multiget>
            """);
        Assert.Equal(207, response.Status);
        Assert.Contains("404", response.Response("/calendars/bob/default/secret.ics").Status());
        Assert.DoesNotContain("secret", response.Body.Replace("/secret.ics", ""));
    }
}
