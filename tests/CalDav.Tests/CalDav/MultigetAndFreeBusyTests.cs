namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;
using static ReportTestData;

/// <summary>
/// RFC 4791 section 7.9: calendar-multiget returns the named resources; "the server MUST return
/// ... a DAV:response for each DAV:href" (a 404 for missing ones). RFC 4791 section 7.10: "the
/// server MUST respond with a ... text/calendar" VFREEBUSY built from the busy time in the range.
/// </summary>
public sealed class MultigetAndFreeBusyTests : IAsyncLifetime
{
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        await FillAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_href_is_answered_in_the_clients_own_spelling_and_missing_ones_are_404()
    {
        var response = await _host.ReportAsync(Calendar, $"""
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>
              <D:href>{Calendar}lunch.ics</D:href>
              <D:href>/calendars/alice/default/%6Cunch.ics</D:href>
              <D:href>http://localhost{Calendar}todo.ics</D:href>
              <D:href>{Calendar}missing.ics</D:href>
            </C:calendar-multiget>
            """, depth: null);
        Assert.Equal(207, response.Status);
        Assert.Equal([Calendar + "lunch.ics", "/calendars/alice/default/%6Cunch.ics", $"http://localhost{Calendar}todo.ics", Calendar + "missing.ics"], response.Hrefs());
        Assert.Contains("UID:lunch", response.Response("/calendars/alice/default/%6Cunch.ics").Found(C + "calendar-data")!.Value);
        Assert.Contains("UID:todo", response.Response($"http://localhost{Calendar}todo.ics").Found(C + "calendar-data")!.Value);
        Assert.NotNull(response.Response(Calendar + "lunch.ics").Found(D + "getetag"));
        Assert.Contains(" 404 ", response.Response(Calendar + "missing.ics").Status());
    }

    // The member names are taken from hrefs that spell the calendar as its own href does (a shortcut) or
    // differently (the general path resolution): both must agree, and anything that is not a member of
    // this calendar is looked up in the tree or answered 404.
    [Fact]
    public async Task Hrefs_spelled_in_other_ways_resolve_as_the_same_members_or_elsewhere()
    {
        const string other = "/calendars/alice/other/";
        Assert.Equal(201, (await _host.SendAsync("MKCALENDAR", other)).Status);
        Assert.Equal(201, (await _host.PutAsync(other + "elsewhere.ics", Ics.Event("elsewhere", "20260105T090000Z", "20260105T100000Z", "Elsewhere"))).Status);
        string[] hrefs =
        [
            $"  {Calendar}lunch.ics\n", // surrounding white space
            "/calendars//alice/default//review.ics", // doubled slashes
            $"{Calendar}%74odo.ics", // an encoded member name
            $"{Calendar}../default/lunch.ics", // dot segments are refused
            other + "elsewhere.ics", // a member of another calendar
            Calendar + "lunch.ics/", // a trailing slash still names the member
            Calendar, // the calendar itself: found in the tree, but it has no calendar-data
        ];
        var response = await _host.ReportAsync(Calendar, $"""
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>{string.Concat(hrefs.Select(h => $"<D:href>{h}</D:href>"))}
            </C:calendar-multiget>
            """);

        Assert.Equal(207, response.Status);
        Assert.Equal(hrefs, response.Hrefs());
        Assert.Contains("UID:lunch", response.Response(hrefs[0]).Found(C + "calendar-data")!.Value);
        Assert.Contains("UID:review", response.Response(hrefs[1]).Found(C + "calendar-data")!.Value);
        Assert.Contains("UID:todo", response.Response(hrefs[2]).Found(C + "calendar-data")!.Value);
        Assert.Contains(" 404 ", response.Response(hrefs[3]).Status());
        Assert.Contains("UID:elsewhere", response.Response(hrefs[4]).Found(C + "calendar-data")!.Value);
        Assert.Contains("UID:lunch", response.Response(hrefs[5]).Found(C + "calendar-data")!.Value);
        Assert.Null(response.Response(hrefs[6]).Found(C + "calendar-data"));
    }

    [Fact]
    public async Task The_etag_in_a_multiget_equals_the_etag_of_get()
    {
        var get = await _host.SendAsync("GET", Calendar + "review.ics");
        var response = await _host.ReportAsync(Calendar, $"""
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/></D:prop><D:href>{Calendar}review.ics</D:href>
            </C:calendar-multiget>
            """);
        Assert.Equal(get.Message.Headers.ETag!.Tag, response.Response(Calendar + "review.ics").Found(D + "getetag")!.Value);
    }

    [Fact]
    public async Task Free_busy_lists_opaque_events_in_the_range_and_skips_transparent_ones()
    {
        var response = await _host.ReportAsync(Calendar, """
            <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
              <C:time-range start="20260101T000000Z" end="20260401T000000Z"/>
            </C:free-busy-query>
            """);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/calendar", response.Message.Content.Headers.ContentType!.ToString());
        var body = response.Body.Replace("\r\n ", "");
        Assert.Contains("BEGIN:VFREEBUSY", body);
        Assert.Contains("DTSTART:20260101T000000Z", body);
        Assert.Contains("FREEBUSY:20260105T100000Z/20260105T110000Z", body);
        Assert.Contains("FREEBUSY:20260121T150000Z/20260121T160000Z", body);
        Assert.DoesNotContain("20260119T100000Z", body); // the moved instance is not busy at its old time
        Assert.Contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260301T090000Z/20260301T100000Z", body);
        Assert.DoesNotContain("20260210T120000Z", body); // TRANSP:TRANSPARENT lunch
    }

    [Fact]
    public async Task Free_busy_clips_periods_to_the_range()
    {
        var response = await _host.ReportAsync(Calendar, """
            <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
              <C:time-range start="20260105T103000Z" end="20260106T000000Z"/>
            </C:free-busy-query>
            """);
        Assert.Contains("FREEBUSY:20260105T103000Z/20260105T110000Z", response.Body.Replace("\r\n ", ""));
    }
}
