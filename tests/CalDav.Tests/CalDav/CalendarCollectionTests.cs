using System.Xml.Linq;

namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// RFC 4791 section 5.3.1: "If a request body is included, it MUST be a CALDAV:mkcalendar XML
/// element"; "(DAV:resource-must-be-null): A resource MUST NOT exist at the Request-URI".
/// RFC 4791 section 5.2.2: calendar-timezone "MUST be a valid iCalendar object containing exactly
/// one valid VTIMEZONE component". RFC 4918 section 9.2: PROPPATCH instructions "MUST either all
/// be executed or none executed".
/// </summary>
public sealed class CalendarCollectionTests : IAsyncLifetime
{
    private const string TimeZone = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n";
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync() => _host = await CalDavTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Mkcalendar_creates_a_calendar_with_the_properties_of_its_body()
    {
        var response = await _host.SendAsync("MKCALENDAR", "/calendars/alice/work/", $"""
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:ICAL="http://apple.com/ns/ical/"><D:set><D:prop>
              <D:displayname>Work</D:displayname>
              <C:calendar-description>Office hours</C:calendar-description>
              <ICAL:calendar-color>#FF0000FF</ICAL:calendar-color>
              <C:calendar-timezone>{System.Security.SecurityElement.Escape(TimeZone)}</C:calendar-timezone>
            </D:prop></D:set></C:mkcalendar>
            """);
        Assert.Equal(201, response.Status);
        var found = await _host.PropfindAsync("/calendars/alice/work/", "<D:displayname/><C:calendar-description/><ICAL:calendar-color/><C:calendar-timezone/><D:resourcetype/>");
        var calendar = found.Response("/calendars/alice/work/");
        Assert.Equal("Work", calendar.Found(D + "displayname")!.Value);
        Assert.Equal("Office hours", calendar.Found(C + "calendar-description")!.Value);
        Assert.Equal("#FF0000FF", calendar.Found(ICAL + "calendar-color")!.Value);
        Assert.Contains("TZID:Europe/Berlin", calendar.Found(C + "calendar-timezone")!.Value);
        Assert.NotNull(calendar.Found(D + "resourcetype")!.Element(C + "calendar"));
    }

    [Fact]
    public async Task Mkcalendar_on_an_existing_path_is_405_with_resource_must_be_null()
    {
        Assert.Equal(201, (await _host.SendAsync("MKCALENDAR", "/calendars/alice/twice/")).Status);
        var again = await _host.SendAsync("MKCALENDAR", "/calendars/alice/twice/");
        Assert.Equal(405, again.Status);
        Assert.NotNull(again.Xml.Root!.Element(D + "resource-must-be-null"));
    }

    [Fact]
    public async Task Calendars_cannot_be_made_inside_calendars_or_outside_the_home()
    {
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>");
        var nested = await _host.SendAsync("MKCALENDAR", "/calendars/alice/default/inner/");
        Assert.Equal(403, nested.Status);
        Assert.NotNull(nested.Xml.Root!.Element(C + "calendar-collection-location-ok"));
        Assert.Equal(403, (await _host.SendAsync("MKCALENDAR", "/calendars/elsewhere/")).Status);
        Assert.Equal(201, (await _host.SendAsync("MKCOL", "/calendars/alice/folder/")).Status);
        Assert.Equal(201, (await _host.SendAsync("MKCALENDAR", "/calendars/alice/folder/inner/")).Status);
    }

    [Fact]
    public async Task Mkcalendar_with_an_invalid_timezone_creates_nothing()
    {
        var response = await _host.SendAsync("MKCALENDAR", "/calendars/alice/badtz/", """
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
              <D:displayname>Bad</D:displayname><C:calendar-timezone>not a calendar</C:calendar-timezone>
            </D:prop></D:set></C:mkcalendar>
            """);
        Assert.Equal(403, response.Status);
        Assert.Equal(C + "mkcalendar-response", response.Xml.Root!.Name);
        Assert.Equal(404, (await _host.PropfindAsync("/calendars/alice/badtz/", "<D:resourcetype/>")).Status);
    }

    [Fact]
    public async Task Extended_mkcol_creates_a_calendar_too()
    {
        var response = await _host.SendAsync("MKCOL", "/calendars/alice/viamkcol/", """
            <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
              <D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Via MKCOL</D:displayname>
            </D:prop></D:set></D:mkcol>
            """);
        Assert.Equal(201, response.Status);
        var found = await _host.PropfindAsync("/calendars/alice/viamkcol/", "<D:resourcetype/><D:displayname/>");
        Assert.NotNull(found.Response("/calendars/alice/viamkcol/").Found(D + "resourcetype")!.Element(C + "calendar"));
        Assert.Equal(201, (await _host.PutAsync("/calendars/alice/viamkcol/e.ics", Ics.Event("e"))).Status);
    }

    [Fact]
    public async Task Proppatch_sets_the_calendar_properties_clients_edit_and_refuses_bad_values_atomically()
    {
        await _host.SendAsync("MKCALENDAR", "/calendars/alice/edit/");
        var ok = await _host.SendAsync("PROPPATCH", "/calendars/alice/edit/", """
            <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:ICAL="http://apple.com/ns/ical/" xmlns:X="urn:example"><D:set><D:prop>
              <D:displayname>Renamed</D:displayname><ICAL:calendar-color>#00FF00</ICAL:calendar-color>
              <ICAL:calendar-order>3</ICAL:calendar-order><C:calendar-description>Desc</C:calendar-description>
              <X:dead>kept</X:dead>
            </D:prop></D:set></D:propertyupdate>
            """);
        Assert.Equal(207, ok.Status);
        Assert.DoesNotContain(ok.Responses().Elements(D + "propstat"), p => !p.Element(D + "status")!.Value.Contains(" 200 "));

        var bad = await _host.SendAsync("PROPPATCH", "/calendars/alice/edit/", """
            <D:propertyupdate xmlns:D="DAV:" xmlns:ICAL="http://apple.com/ns/ical/"><D:set><D:prop>
              <D:displayname>Should not stick</D:displayname><ICAL:calendar-color>red</ICAL:calendar-color>
            </D:prop></D:set></D:propertyupdate>
            """);
        Assert.Contains("409", bad.Body);
        Assert.Contains("424", bad.Body);

        var found = (await _host.PropfindAsync("/calendars/alice/edit/", "<D:displayname/><ICAL:calendar-color/><ICAL:calendar-order/><C:calendar-description/><X:dead xmlns:X=\"urn:example\"/>"))
            .Response("/calendars/alice/edit/");
        Assert.Equal("Renamed", found.Found(D + "displayname")!.Value);
        Assert.Equal("#00FF00", found.Found(ICAL + "calendar-color")!.Value);
        Assert.Equal("3", found.Found(ICAL + "calendar-order")!.Value);
        Assert.Equal("Desc", found.Found(C + "calendar-description")!.Value);
        Assert.Equal("kept", found.Found(((System.Xml.Linq.XNamespace)"urn:example") + "dead")!.Value);
    }

    [Fact]
    public async Task Proppatch_of_calendar_timezone_validates_the_value()
    {
        await _host.SendAsync("MKCALENDAR", "/calendars/alice/tz/");
        var bad = await _host.SendAsync("PROPPATCH", "/calendars/alice/tz/", """
            <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
              <C:calendar-timezone>BEGIN:VCALENDAR&#13;&#10;END:VCALENDAR&#13;&#10;</C:calendar-timezone>
            </D:prop></D:set></D:propertyupdate>
            """);
        Assert.Contains("403", bad.Body);
        Assert.Contains("valid-calendar-data", bad.Body);
        var good = await _host.SendAsync("PROPPATCH", "/calendars/alice/tz/", $"""
            <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
              <C:calendar-timezone>{System.Security.SecurityElement.Escape(TimeZone)}</C:calendar-timezone>
            </D:prop></D:set></D:propertyupdate>
            """);
        Assert.DoesNotContain("403", good.Body);
    }

    [Fact]
    public async Task The_ctag_and_sync_token_change_when_a_member_changes()
    {
        await _host.SendAsync("MKCALENDAR", "/calendars/alice/ctag/");
        var before = (await _host.PropfindAsync("/calendars/alice/ctag/", "<CS:getctag/><D:sync-token/>")).Response("/calendars/alice/ctag/");
        await _host.PutAsync("/calendars/alice/ctag/a.ics", Ics.Event("a"));
        var after = (await _host.PropfindAsync("/calendars/alice/ctag/", "<CS:getctag/><D:sync-token/>")).Response("/calendars/alice/ctag/");
        Assert.NotEqual(before.Found(CS + "getctag")!.Value, after.Found(CS + "getctag")!.Value);
        Assert.NotEqual(before.Found(D + "sync-token")!.Value, after.Found(D + "sync-token")!.Value);
    }

    [Fact]
    public async Task Quota_used_bytes_sums_the_members_and_available_bytes_follows_the_configured_quota()
    {
        await using var host = await CalDavTestHost.StartAsync(options => options.CollectionQuotaBytes = 100_000);
        await host.SendAsync("MKCALENDAR", "/calendars/alice/q/");
        var ics = Ics.Event("q");
        await host.PutAsync("/calendars/alice/q/q.ics", ics);
        var calendar = (await host.PropfindAsync("/calendars/alice/q/", "<D:quota-used-bytes/><D:quota-available-bytes/>")).Response("/calendars/alice/q/");
        var size = System.Text.Encoding.UTF8.GetByteCount(ics);
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), calendar.Found(D + "quota-used-bytes")!.Value);
        Assert.Equal((100_000 - size).ToString(System.Globalization.CultureInfo.InvariantCulture), calendar.Found(D + "quota-available-bytes")!.Value);
        var unlimited = (await _host.PropfindAsync("/calendars/alice/default/", "<D:quota-available-bytes/>")).Response("/calendars/alice/default/");
        Assert.Null(unlimited.Found(D + "quota-available-bytes"));
    }

    [Fact]
    public async Task Deleting_a_calendar_removes_it_and_its_objects()
    {
        await _host.SendAsync("MKCALENDAR", "/calendars/alice/gone/");
        await _host.PutAsync("/calendars/alice/gone/a.ics", Ics.Event("a"));
        Assert.Equal(204, (await _host.SendAsync("DELETE", "/calendars/alice/gone/")).Status);
        Assert.Equal(404, (await _host.SendAsync("GET", "/calendars/alice/gone/a.ics")).Status);
        Assert.DoesNotContain("/calendars/alice/gone/", (await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1")).Hrefs());
    }

    [Fact]
    public async Task Objects_list_with_strong_etags_calendar_content_type_and_an_empty_resourcetype()
    {
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>");
        await _host.PutAsync("/calendars/alice/default/a.ics", Ics.Event("a"));
        var listing = await _host.PropfindAsync("/calendars/alice/default/", "<D:getetag/><D:getcontenttype/><D:resourcetype/><C:calendar-data/>", depth: "1");
        var item = listing.Response("/calendars/alice/default/a.ics");
        Assert.Matches("^\"[0-9a-f]+\"$", item.Found(D + "getetag")!.Value);
        Assert.StartsWith("text/calendar", item.Found(D + "getcontenttype")!.Value);
        Assert.Empty(item.Found(D + "resourcetype")!.Elements());
        Assert.Contains("UID:a", item.Found(C + "calendar-data")!.Value);
    }
}
