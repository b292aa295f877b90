namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// RFC 4791 section 5.3.2: "the server MUST ... check the preconditions" of 5.3.2.1
/// (valid-calendar-data, valid-calendar-object-resource, supported-calendar-component,
/// no-uid-conflict, max-resource-size, min/max-date-time) and store nothing when one fails.
/// RFC 9110 section 13.1.1: "An origin server MUST use the strong comparison function when
/// comparing entity tags for If-Match".
/// </summary>
public sealed class ObjectTests : IAsyncLifetime
{
    private const string Calendar = "/calendars/alice/default/";
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync(limits: new Storage.Contract.StoreLimits(MaxObjectSize: 4096));
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1"); // first access creates "default"
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Put_creates_with_201_updates_with_204_and_always_sends_the_etag_get_returns()
    {
        var created = await _host.PutAsync(Calendar + "a.ics", Ics.Event("a"));
        Assert.Equal(201, created.Status);
        var firstTag = created.Message.Headers.ETag;
        Assert.NotNull(firstTag);
        Assert.False(firstTag.IsWeak);

        var updated = await _host.PutAsync(Calendar + "a.ics", Ics.Event("a", summary: "Moved"));
        Assert.Equal(204, updated.Status);
        Assert.NotEqual(firstTag, updated.Message.Headers.ETag);

        var get = await _host.SendAsync("GET", Calendar + "a.ics");
        Assert.Equal(200, get.Status);
        Assert.Equal(updated.Message.Headers.ETag, get.Message.Headers.ETag);
        Assert.StartsWith("text/calendar", get.Message.Content.Headers.ContentType!.ToString());
        Assert.Contains("SUMMARY:Moved", get.Body);
        var head = await _host.SendAsync("HEAD", Calendar + "a.ics");
        Assert.Equal(200, head.Status);
        Assert.Equal(get.Message.Headers.ETag, head.Message.Headers.ETag);
    }

    [Fact]
    public async Task Broken_icalendar_is_refused_with_valid_calendar_data_and_the_line_number()
    {
        var response = await _host.PutAsync(Calendar + "bad.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n");
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "valid-calendar-data"));
        Assert.Matches("line [0-9]+", response.Xml.Root!.Element(D + "responsedescription")!.Value);
        Assert.Equal(404, (await _host.SendAsync("GET", Calendar + "bad.ics")).Status);
    }

    [Fact]
    public async Task An_object_with_two_uids_breaks_valid_calendar_object_resource()
    {
        var two = Ics.Event("one").Replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:two\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260106T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR");
        var response = await _host.PutAsync(Calendar + "two.ics", two);
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "valid-calendar-object-resource"));
    }

    [Fact]
    public async Task A_todo_in_an_event_only_calendar_breaks_supported_calendar_component()
    {
        var mk = await _host.SendAsync("MKCALENDAR", "/calendars/alice/events/", """
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
            <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
            </D:prop></D:set></C:mkcalendar>
            """);
        Assert.Equal(201, mk.Status);
        var response = await _host.PutAsync("/calendars/alice/events/t.ics", Ics.Todo("t"));
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "supported-calendar-component"));
        Assert.Equal(201, (await _host.PutAsync("/calendars/alice/events/e.ics", Ics.Event("e"))).Status);
    }

    [Fact]
    public async Task A_put_onto_a_collection_inside_a_calendar_is_405_and_leaves_the_collection()
    {
        // Not reachable with MKCOL through CalDAV; the store allows it, so the PUT path must still refuse to replace it.
        Assert.Equal(Storage.Contract.StoreOutcome.Created, await _host.Store.CreateCollectionAsync(
            new Storage.Contract.CollectionRef("alice", "default/inner.ics"), Storage.Contract.CollectionKind.Plain, Storage.Contract.CollectionProperties.Empty));

        Assert.Equal(405, (await _host.PutAsync(Calendar + "inner.ics", Ics.Event("inner"))).Status);
        Assert.NotNull(await _host.Store.GetCollectionAsync(new Storage.Contract.CollectionRef("alice", "default/inner.ics")));
        Assert.Null(await _host.Store.FindHrefByUidAsync(new Storage.Contract.CollectionRef("alice", "default"), "inner"));
    }

    [Fact]
    public async Task A_second_object_with_the_same_uid_is_refused_naming_the_first()
    {
        Assert.Equal(201, (await _host.PutAsync(Calendar + "first.ics", Ics.Event("same"))).Status);
        var response = await _host.PutAsync(Calendar + "second.ics", Ics.Event("same"));
        Assert.Equal(409, response.Status);
        Assert.Equal(Calendar + "first.ics", response.Xml.Root!.Element(C + "no-uid-conflict")!.Element(D + "href")!.Value);
        Assert.Equal(404, (await _host.SendAsync("GET", Calendar + "second.ics")).Status);
    }

    [Fact]
    public async Task An_object_larger_than_max_resource_size_is_refused()
    {
        var big = Ics.Event("big", extra: "DESCRIPTION:" + new string('x', 70) + "\r\n" + string.Concat(Enumerable.Repeat(" " + new string('y', 70) + "\r\n", 80)));
        var response = await _host.PutAsync(Calendar + "big.ics", big);
        Assert.Equal(413, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "max-resource-size"));
    }

    [Theory]
    [InlineData("18000105T100000Z", "18000105T110000Z", "min-date-time")]
    [InlineData("24000105T100000Z", "24000105T110000Z", "max-date-time")]
    public async Task Dates_outside_the_advertised_limits_are_refused(string start, string end, string precondition)
    {
        var response = await _host.PutAsync(Calendar + "old.ics", Ics.Event("old", start, end));
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + precondition));
    }

    [Fact]
    public async Task A_non_calendar_media_type_breaks_supported_calendar_data()
    {
        var response = await _host.SendAsync("PUT", Calendar + "x.ics", Ics.Event("x"), contentType: "application/json");
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "supported-calendar-data"));
    }

    [Fact]
    public async Task If_none_match_star_does_not_overwrite_and_a_stale_if_match_fails()
    {
        var created = await _host.PutAsync(Calendar + "c.ics", Ics.Event("c"), new Dictionary<string, string> { ["If-None-Match"] = "*" });
        Assert.Equal(201, created.Status);
        Assert.Equal(412, (await _host.PutAsync(Calendar + "c.ics", Ics.Event("c", summary: "Again"), new Dictionary<string, string> { ["If-None-Match"] = "*" })).Status);
        Assert.Equal(412, (await _host.PutAsync(Calendar + "c.ics", Ics.Event("c", summary: "Stale"), new Dictionary<string, string> { ["If-Match"] = "\"not-the-tag\"" })).Status);
        Assert.Equal(412, (await _host.PutAsync(Calendar + "new.ics", Ics.Event("new"), new Dictionary<string, string> { ["If-Match"] = "*" })).Status);
        var ok = await _host.PutAsync(Calendar + "c.ics", Ics.Event("c", summary: "Fresh"), new Dictionary<string, string> { ["If-Match"] = created.Message.Headers.ETag!.Tag });
        Assert.Equal(204, ok.Status);
        Assert.Contains("SUMMARY:Fresh", (await _host.SendAsync("GET", Calendar + "c.ics")).Body);
    }

    [Fact]
    public async Task Concurrent_puts_with_the_same_if_match_let_exactly_one_win()
    {
        var created = await _host.PutAsync(Calendar + "race.ics", Ics.Event("race"));
        var tag = created.Message.Headers.ETag!.Tag;
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            _host.PutAsync(Calendar + "race.ics", Ics.Event("race", summary: $"Writer {i}"), new Dictionary<string, string> { ["If-Match"] = tag })));
        var statuses = (await Task.WhenAll(writers)).Select(r => r.Status).ToList();
        Assert.Equal(1, statuses.Count(s => s == 204));
        Assert.Equal(7, statuses.Count(s => s == 412));
    }

    [Fact]
    public async Task Delete_honours_if_match_and_removes_the_object()
    {
        var created = await _host.PutAsync(Calendar + "d.ics", Ics.Event("d"));
        Assert.Equal(412, (await _host.SendAsync("DELETE", Calendar + "d.ics", headers: new Dictionary<string, string> { ["If-Match"] = "\"other\"" })).Status);
        Assert.Equal(204, (await _host.SendAsync("DELETE", Calendar + "d.ics", headers: new Dictionary<string, string> { ["If-Match"] = created.Message.Headers.ETag!.Tag })).Status);
        Assert.Equal(404, (await _host.SendAsync("GET", Calendar + "d.ics")).Status);
    }

    [Fact]
    public async Task Move_and_copy_between_calendars_keep_the_data_and_check_uids()
    {
        Assert.Equal(201, (await _host.SendAsync("MKCALENDAR", "/calendars/alice/other/")).Status);
        await _host.PutAsync(Calendar + "m.ics", Ics.Event("m"));
        var move = await _host.SendAsync("MOVE", Calendar + "m.ics", headers: new Dictionary<string, string> { ["Destination"] = "http://localhost/calendars/alice/other/m.ics" });
        Assert.Equal(201, move.Status);
        Assert.Equal(404, (await _host.SendAsync("GET", Calendar + "m.ics")).Status);
        Assert.Contains("UID:m", (await _host.SendAsync("GET", "/calendars/alice/other/m.ics")).Body);
        var copy = await _host.SendAsync("COPY", "/calendars/alice/other/m.ics", headers: new Dictionary<string, string> { ["Destination"] = "http://localhost/calendars/alice/default/m2.ics" });
        Assert.Equal(201, copy.Status);
        // A second copy into the same calendar would duplicate the UID.
        var clash = await _host.SendAsync("COPY", "/calendars/alice/other/m.ics", headers: new Dictionary<string, string> { ["Destination"] = "http://localhost/calendars/alice/default/m3.ics" });
        Assert.Equal(409, clash.Status);
    }

    [Fact]
    public async Task Plain_collections_keep_storing_any_resource()
    {
        Assert.Equal(201, (await _host.SendAsync("MKCOL", "/calendars/alice/files/")).Status);
        var put = await _host.SendAsync("PUT", "/calendars/alice/files/note.txt", "hello", contentType: "text/plain");
        Assert.Equal(201, put.Status);
        var get = await _host.SendAsync("GET", "/calendars/alice/files/note.txt");
        Assert.Equal("hello", get.Body);
        var listing = await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1");
        Assert.Null(listing.Response("/calendars/alice/files/").Found(D + "resourcetype")!.Element(C + "calendar"));
    }
}
