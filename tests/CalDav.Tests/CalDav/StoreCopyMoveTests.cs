namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// COPY and MOVE through the store's one-transaction operations. RFC 4918 10.6: "If a resource
/// exists at the destination and the Overwrite header is 'F', then the server MUST fail the
/// request" (412). RFC 4791 5.3.2.1: the calendar preconditions (no-uid-conflict,
/// supported-calendar-component) hold for COPY and MOVE into a calendar as for PUT.
/// </summary>
public sealed class StoreCopyMoveTests : IAsyncLifetime
{
    private const string Default = "/calendars/alice/default/";
    private const string Work = "/calendars/alice/work/";
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1");
        Assert.Equal(201, (await _host.SendAsync("MKCALENDAR", Work)).Status);
        Assert.Equal(201, (await _host.PutAsync(Default + "a.ics", Ics.Event("a"))).Status);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<CalDavResponse> SendAsync(string method, string source, string destination, string? overwrite = null, string? ifMatch = null)
    {
        var headers = new Dictionary<string, string> { ["Destination"] = destination };
        if (overwrite is not null)
        {
            headers["Overwrite"] = overwrite;
        }
        if (ifMatch is not null)
        {
            headers["If-Match"] = ifMatch;
        }
        return _host.SendAsync(method, source, headers: headers);
    }

    [Fact]
    public async Task Move_of_an_object_to_another_calendar_leaves_nothing_at_the_source_and_the_same_body_at_the_target()
    {
        Assert.Equal(201, (await SendAsync("MOVE", Default + "a.ics", Work + "b.ics")).Status);

        Assert.Equal(404, (await _host.SendAsync("GET", Default + "a.ics")).Status);
        var moved = await _host.SendAsync("GET", Work + "b.ics");
        Assert.Equal(200, moved.Status);
        Assert.Contains("UID:a", moved.Body);
        // The UID index moved along: the UID can be PUT again at the old place.
        Assert.Equal(201, (await _host.PutAsync(Default + "again.ics", Ics.Event("a"))).Status);
    }

    [Fact]
    public async Task Overwrite_f_onto_an_existing_object_is_a_412_and_changes_nothing()
    {
        await _host.PutAsync(Work + "b.ics", Ics.Event("b"));

        Assert.Equal(412, (await SendAsync("MOVE", Default + "a.ics", Work + "b.ics", overwrite: "F")).Status);

        Assert.Contains("UID:a", (await _host.SendAsync("GET", Default + "a.ics")).Body);
        Assert.Contains("UID:b", (await _host.SendAsync("GET", Work + "b.ics")).Body);
    }

    [Fact]
    public async Task Overwrite_t_replaces_the_existing_object_with_204()
    {
        await _host.PutAsync(Work + "b.ics", Ics.Event("b"));

        Assert.Equal(204, (await SendAsync("COPY", Default + "a.ics", Work + "b.ics", overwrite: "T")).Status);

        Assert.Contains("UID:a", (await _host.SendAsync("GET", Work + "b.ics")).Body);
        Assert.Equal(200, (await _host.SendAsync("GET", Default + "a.ics")).Status);
    }

    [Fact]
    public async Task Copy_inside_the_same_calendar_breaks_no_uid_conflict_and_names_the_holder()
    {
        var response = await SendAsync("COPY", Default + "a.ics", Default + "copy.ics");

        Assert.Equal(409, response.Status);
        Assert.Equal(Default + "a.ics", response.Xml.Root!.Element(C + "no-uid-conflict")!.Element(D + "href")!.Value);
        Assert.Equal(404, (await _host.SendAsync("GET", Default + "copy.ics")).Status);
    }

    [Fact]
    public async Task Move_into_a_calendar_that_does_not_take_the_component_is_refused_and_the_source_stays()
    {
        var mk = await _host.SendAsync("MKCALENDAR", "/calendars/alice/tasks/", """
            <?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
            <C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set>
            </D:prop></D:set></C:mkcalendar>
            """);
        Assert.Equal(201, mk.Status);

        var response = await SendAsync("MOVE", Default + "a.ics", "/calendars/alice/tasks/a.ics");

        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "supported-calendar-component"));
        Assert.Equal(200, (await _host.SendAsync("GET", Default + "a.ics")).Status);
    }

    [Fact]
    public async Task A_source_if_match_that_does_not_hold_is_a_412()
    {
        Assert.Equal(412, (await SendAsync("MOVE", Default + "a.ics", Work + "a.ics", ifMatch: "\"stale\"")).Status);
        Assert.Equal(200, (await _host.SendAsync("GET", Default + "a.ics")).Status);
    }

    [Fact]
    public async Task Move_of_a_calendar_takes_its_objects_and_keeps_it_a_calendar()
    {
        Assert.Equal(201, (await SendAsync("MOVE", Default, "/calendars/alice/renamed/")).Status);

        Assert.Equal(404, (await _host.SendAsync("GET", Default + "a.ics")).Status);
        Assert.Contains("UID:a", (await _host.SendAsync("GET", "/calendars/alice/renamed/a.ics")).Body);
        var type = (await _host.PropfindAsync("/calendars/alice/renamed/", "<D:resourcetype/>")).Response("/calendars/alice/renamed/").Found(D + "resourcetype")!;
        Assert.NotNull(type.Element(C + "calendar"));
    }

    [Fact]
    public async Task Copy_of_a_calendar_onto_an_existing_one_needs_overwrite()
    {
        Assert.Equal(412, (await SendAsync("COPY", Default, Work, overwrite: "F")).Status);
        Assert.Equal(404, (await _host.SendAsync("GET", Work + "a.ics")).Status);

        Assert.Equal(204, (await SendAsync("COPY", Default, Work, overwrite: "T")).Status);
        Assert.Contains("UID:a", (await _host.SendAsync("GET", Work + "a.ics")).Body);
        Assert.Contains("UID:a", (await _host.SendAsync("GET", Default + "a.ics")).Body);
    }
}
