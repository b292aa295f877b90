namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// RFC 6578 section 3.2: "the server MUST ... return ... DAV:sync-token"; section 3.5.2: a
/// member removed since the token is reported with a 404 status; section 3.6: when results are
/// truncated "the server MUST ... include a DAV:response element for the Request-URI with a 507";
/// section 3.2: an invalid token is "403 ... DAV:valid-sync-token". The Depth header is ignored.
/// </summary>
public sealed class SyncCollectionTests : IAsyncLifetime
{
    private const string Calendar = "/calendars/alice/default/";
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1");
        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Equal(201, (await _host.PutAsync($"{Calendar}{name}.ics", Ics.Event(name))).Status);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<CalDavResponse> SyncAsync(string token, string? depth = "1", string limit = "") =>
        _host.ReportAsync(Calendar, $"""
            <D:sync-collection xmlns:D="DAV:"><D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>{limit}
            <D:prop><D:getetag/><D:getcontenttype/></D:prop></D:sync-collection>
            """, depth);

    private static string Token(CalDavResponse response) => response.Xml.Root!.Element(D + "sync-token")!.Value;

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData(null)]
    public async Task The_initial_sync_lists_every_member_whatever_the_depth(string? depth)
    {
        var response = await SyncAsync("", depth);
        Assert.Equal(207, response.Status);
        Assert.Equal([Calendar + "a.ics", Calendar + "b.ics", Calendar + "c.ics"], response.Hrefs().Order(StringComparer.Ordinal));
        Assert.StartsWith("http://", Token(response));
        var calendarToken = (await _host.PropfindAsync(Calendar, "<D:sync-token/>")).Response(Calendar).Found(D + "sync-token")!.Value;
        Assert.Equal(calendarToken, Token(response));
    }

    // The initial sync reads the listing's summaries (no object bytes): each member's properties must be
    // exactly those a PROPFIND Depth 1 gives.
    [Fact]
    public async Task The_initial_sync_gives_each_member_the_same_etag_type_and_length_as_a_propfind()
    {
        const string props = "<D:getetag/><D:getcontenttype/><D:getcontentlength/>";
        var sync = await _host.ReportAsync(Calendar, $"""
            <D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop>{props}</D:prop></D:sync-collection>
            """, "1");
        var propfind = await _host.PropfindAsync(Calendar, props, depth: "1");

        foreach (var href in new[] { "a.ics", "b.ics", "c.ics" }.Select(n => Calendar + n))
        {
            foreach (var name in new[] { D + "getetag", D + "getcontenttype", D + "getcontentlength" })
            {
                var expected = propfind.Response(href).Found(name)?.Value;
                Assert.NotNull(expected);
                Assert.Equal(expected, sync.Response(href).Found(name)?.Value);
            }
        }
    }

    // The initial sync without calendar-data and without a limit is answered from the member listing; with
    // a limit it still reads the change log. Both must name the same members, child collections with
    // their trailing slash, and a delta from either token must then report what changed.
    [Fact]
    public async Task The_initial_sync_of_a_plain_collection_lists_child_collections_and_files_as_the_change_log_does()
    {
        const string folder = "/calendars/alice/files/";
        Assert.Equal(201, (await _host.SendAsync("MKCOL", folder)).Status);
        Assert.Equal(201, (await _host.SendAsync("MKCOL", folder + "sub%20folder/")).Status);
        Assert.Equal(201, (await _host.SendAsync("PUT", folder + "note.txt", "hello", contentType: "text/plain")).Status);
        Assert.Equal(201, (await _host.SendAsync("PUT", folder + "gone.txt", "bye", contentType: "text/plain")).Status);
        Assert.Equal(204, (await _host.SendAsync("DELETE", folder + "gone.txt")).Status);
        Task<CalDavResponse> SyncFolderAsync(string token, string limit = "") => _host.ReportAsync(folder, $"""
            <D:sync-collection xmlns:D="DAV:"><D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>{limit}<D:prop><D:getetag/></D:prop></D:sync-collection>
            """);

        var fromListing = await SyncFolderAsync("");
        var fromChangeLog = await SyncFolderAsync("", "<D:limit><D:nresults>100</D:nresults></D:limit>");

        string[] expected = [folder + "note.txt", folder + "sub%20folder/"];
        Assert.Equal(expected, fromListing.Hrefs().Order(StringComparer.Ordinal));
        Assert.Equal(expected, fromChangeLog.Hrefs().Order(StringComparer.Ordinal));
        Assert.Equal(Token(fromChangeLog), Token(fromListing));
        Assert.Equal(fromChangeLog.Response(folder + "note.txt").Found(D + "getetag")!.Value, fromListing.Response(folder + "note.txt").Found(D + "getetag")!.Value);

        Assert.Equal(204, (await _host.SendAsync("DELETE", folder + "note.txt")).Status);
        var delta = await SyncFolderAsync(Token(fromListing));
        Assert.Equal([folder + "note.txt"], delta.Hrefs());
        Assert.Contains(" 404 ", delta.Response(folder + "note.txt").Status());
    }

    [Fact]
    public async Task A_delta_reports_changes_and_deletions_as_404()
    {
        var first = Token(await SyncAsync(""));
        await _host.PutAsync(Calendar + "a.ics", Ics.Event("a", summary: "Changed"));
        Assert.Equal(204, (await _host.SendAsync("DELETE", Calendar + "b.ics")).Status);
        await _host.PutAsync(Calendar + "d.ics", Ics.Event("d"));

        var delta = await SyncAsync(first);
        Assert.Equal([Calendar + "a.ics", Calendar + "b.ics", Calendar + "d.ics"], delta.Hrefs().Order(StringComparer.Ordinal));
        Assert.Contains(" 404 ", delta.Response(Calendar + "b.ics").Status());
        Assert.NotNull(delta.Response(Calendar + "a.ics").Found(D + "getetag"));

        var none = await SyncAsync(Token(delta));
        Assert.Empty(none.Hrefs());
        Assert.Equal(Token(delta), Token(none));
    }

    [Fact]
    public async Task A_limit_truncates_with_507_on_the_collection_and_a_token_that_continues()
    {
        var limited = await SyncAsync("", limit: "<D:limit><D:nresults>2</D:nresults></D:limit>");
        var members = limited.Hrefs().Where(h => h != Calendar).ToList();
        Assert.Equal(2, members.Count);
        Assert.Contains(" 507 ", limited.Response(Calendar).Status());

        var rest = await SyncAsync(Token(limited), limit: "<D:limit><D:nresults>2</D:nresults></D:limit>");
        var restMembers = rest.Hrefs().Where(h => h != Calendar).ToList();
        Assert.Equal([Calendar + "a.ics", Calendar + "b.ics", Calendar + "c.ics"], members.Concat(restMembers).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Calendar, rest.Hrefs());
    }

    [Theory]
    [InlineData("http://auroratime.invalid/ns/sync/nonsense")]
    [InlineData("urn:other-server:42")]
    [InlineData("http://auroratime.invalid/ns/sync/abc_999999")]
    public async Task A_token_we_did_not_issue_is_403_valid_sync_token(string token)
    {
        var response = await SyncAsync(token);
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(D + "valid-sync-token"));
    }

    [Fact]
    public async Task Sync_can_return_calendar_data_as_tsdav_asks()
    {
        var response = await _host.ReportAsync(Calendar, """
            <D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:sync-token/><D:sync-level>1</D:sync-level>
            <D:prop><D:getetag/><C:calendar-data/><D:displayname/></D:prop></D:sync-collection>
            """, depth: null);
        Assert.Contains("UID:c", response.Response(Calendar + "c.ics").Found(C + "calendar-data")!.Value);
    }

    [Fact]
    public async Task Evolution_lists_a_calendar_with_a_depth_0_calendar_query()
    {
        var response = await _host.ReportAsync(Calendar, """
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data><C:comp name="VCALENDAR"><C:comp name="VEVENT"><C:prop name="UID"/></C:comp></C:comp></C:calendar-data></D:prop>
              <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
            </C:calendar-query>
            """, depth: "0");
        Assert.Equal(3, response.Hrefs().Count);
        var data = response.Response(Calendar + "a.ics").Found(C + "calendar-data")!.Value;
        Assert.Contains("UID:a", data);
        Assert.DoesNotContain("SUMMARY", data);
    }
}
