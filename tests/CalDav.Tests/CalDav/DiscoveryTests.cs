using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// RFC 6764 section 5: "servers ... SHOULD redirect" /.well-known/caldav to the context path.
/// RFC 5397 section 3: "DAV:current-user-principal ... indicates a URL for the currently
/// authenticated user's principal resource". RFC 4791 section 6.2.1: calendar-home-set
/// "Identifies the URL of any WebDAV collections that contain calendar collections".
/// </summary>
public sealed class DiscoveryTests : IAsyncLifetime
{
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync() => _host = await CalDavTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("PROPFIND")]
    [InlineData("GET")]
    public async Task Well_known_caldav_answers_301_to_the_root_for_propfind_and_get(string method)
    {
        var response = await _host.SendAsync(method, "/.well-known/caldav", method == "PROPFIND" ? "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-principal/></D:prop></D:propfind>" : null);
        Assert.Equal(301, response.Status);
        Assert.Equal("/", response.Message.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Propfind_on_the_root_names_the_signed_in_principal()
    {
        var response = await _host.PropfindAsync("/", "<D:current-user-principal/><D:principal-URL/><D:resourcetype/>");
        Assert.Equal(207, response.Status);
        var principal = response.Response("/").Found(D + "current-user-principal");
        Assert.Equal("/principals/alice/", principal?.Element(D + "href")?.Value);
    }

    [Fact]
    public async Task The_principal_offers_home_set_addresses_and_principal_properties()
    {
        var response = await _host.PropfindAsync("/principals/alice/",
            "<C:calendar-home-set/><C:calendar-user-address-set/><D:principal-URL/><D:principal-collection-set/><D:displayname/><D:resourcetype/><D:supported-report-set/>");
        var principal = response.Response("/principals/alice/");
        Assert.Equal("/calendars/alice/", principal.Found(C + "calendar-home-set")!.Element(D + "href")!.Value);
        var addresses = principal.Found(C + "calendar-user-address-set")!.Elements(D + "href").Select(h => h.Value).ToList();
        Assert.Contains(addresses, a => a.StartsWith("mailto:alice@", StringComparison.Ordinal));
        Assert.Contains("/principals/alice/", addresses);
        Assert.Equal("/principals/alice/", principal.Found(D + "principal-URL")!.Element(D + "href")!.Value);
        Assert.Equal("/principals/", principal.Found(D + "principal-collection-set")!.Element(D + "href")!.Value);
        Assert.Equal("alice", principal.Found(D + "displayname")!.Value);
        Assert.NotNull(principal.Found(D + "resourcetype")!.Element(D + "principal"));
        Assert.NotNull(principal.Found(D + "supported-report-set"));
    }

    [Fact]
    public async Task The_home_is_a_plain_collection_listing_the_default_calendar_created_on_first_access()
    {
        var response = await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/><D:displayname/>", depth: "1");
        Assert.Equal(207, response.Status);
        var home = response.Response("/calendars/alice/").Found(D + "resourcetype")!;
        Assert.NotNull(home.Element(D + "collection"));
        Assert.Null(home.Element(C + "calendar"));
        var calendar = response.Response("/calendars/alice/default/").Found(D + "resourcetype")!;
        Assert.NotNull(calendar.Element(D + "collection"));
        Assert.NotNull(calendar.Element(C + "calendar"));
    }

    [Fact]
    public async Task An_account_with_only_plain_collections_still_gets_a_default_calendar()
    {
        Assert.Equal(StoreOutcome.Created, await _host.Store.CreateCollectionAsync(new CollectionRef("bob", "files"), CollectionKind.Plain, CollectionProperties.Empty));
        var listing = await _host.PropfindAsync("/calendars/bob/", "<D:resourcetype/>", depth: "1", user: "bob");
        Assert.NotNull(listing.Response("/calendars/bob/default/").Found(D + "resourcetype")!.Element(C + "calendar"));
        Assert.Contains("/calendars/bob/files/", listing.Hrefs());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/principals/alice/")]
    [InlineData("/calendars/alice/")]
    [InlineData("/calendars/alice/default/")]
    public async Task Options_advertise_calendar_access_and_the_calendar_methods_everywhere(string path)
    {
        var response = await _host.SendAsync("OPTIONS", path);
        Assert.Equal(200, response.Status);
        var dav = response.Header("DAV")!.Split(',').Select(t => t.Trim()).ToList();
        Assert.Contains("1", dav);
        Assert.Contains("3", dav);
        Assert.Contains("calendar-access", dav);
        Assert.Contains("extended-mkcol", dav);
        Assert.DoesNotContain("2", dav); // no LOCK support, so class 2 would be a lie
        Assert.Contains("access-control", dav); // RFC 3744 section 7.2, see AccessControlTests
        var allow = response.Header("Allow")!;
        foreach (var method in new[] { "PROPFIND", "REPORT", "PUT", "DELETE", "MKCALENDAR" })
        {
            Assert.Contains(method, allow);
        }
    }

    [Fact]
    public async Task Apple_walks_well_known_then_principal_then_home_with_its_many_properties()
    {
        var wellKnown = await _host.SendAsync("PROPFIND", "/.well-known/caldav", "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-principal/><D:principal-URL/><D:resourcetype/></D:prop></D:propfind>",
            new Dictionary<string, string> { ["Depth"] = "0", ["Brief"] = "t", ["Prefer"] = "return=minimal" });
        var location = wellKnown.Message.Headers.Location!.OriginalString;
        var root = await _host.PropfindAsync(location, "<D:current-user-principal/><D:principal-URL/><D:resourcetype/>");
        var principalHref = root.Response("/").Found(D + "current-user-principal")!.Element(D + "href")!.Value;
        Assert.Equal(200, (await _host.SendAsync("OPTIONS", principalHref)).Status);
        var principal = await _host.PropfindAsync(principalHref, "<C:calendar-home-set/><C:calendar-user-address-set/><D:displayname/><CS:email-address-set/><CS:notification-URL/><D:principal-collection-set/><D:principal-URL/><C:schedule-inbox-URL/><D:supported-report-set/>");
        var home = principal.Response(principalHref).Found(C + "calendar-home-set")!.Element(D + "href")!.Value;
        // Unknown properties are 404 propstats, never a failed request (INTEROP.md).
        Assert.Contains(principal.Response(principalHref).Elements(D + "propstat"), p => p.Element(D + "status")!.Value.Contains(" 404 ") && p.Element(D + "prop")!.Element(CS + "notification-URL") is not null);
        var listing = await _host.PropfindAsync(home,
            "<CS:getctag/><D:sync-token/><ICAL:calendar-color/><ICAL:calendar-order/><C:supported-calendar-component-set/><D:current-user-privilege-set/><D:quota-available-bytes/><CS:source/><D:resourcetype/><D:displayname/><C:calendar-description/><C:calendar-timezone/><D:owner/>",
            depth: "1");
        var calendar = listing.Response("/calendars/alice/default/");
        Assert.StartsWith("http://", calendar.Found(D + "sync-token")!.Value);
        Assert.NotEmpty(calendar.Found(CS + "getctag")!.Value);
        Assert.Equal("/principals/alice/", calendar.Found(D + "owner")!.Element(D + "href")!.Value);
        var privileges = calendar.Found(D + "current-user-privilege-set")!.Descendants().Select(e => e.Name).ToList();
        Assert.Contains(D + "write-content", privileges);
        Assert.Contains(D + "bind", privileges);
        Assert.Contains(D + "unbind", privileges);
    }

    [Fact]
    public async Task Thunderbird_probes_privileges_and_reports_then_options_on_the_home()
    {
        var response = await _host.PropfindAsync("/calendars/alice/default/",
            "<D:resourcetype/><D:owner/><D:current-user-principal/><D:current-user-privilege-set/><D:supported-report-set/><C:supported-calendar-component-set/><CS:getctag/>");
        var calendar = response.Response("/calendars/alice/default/");
        var reports = calendar.Found(D + "supported-report-set")!.Descendants(D + "report").Select(r => r.Elements().Single().Name).ToList();
        Assert.Contains(C + "calendar-query", reports);
        Assert.Contains(C + "calendar-multiget", reports);
        Assert.Contains(D + "sync-collection", reports);
        Assert.Contains(C + "free-busy-query", reports);
        var components = calendar.Found(C + "supported-calendar-component-set")!.Elements(C + "comp").Select(c => (string?)c.Attribute("name")).ToList();
        Assert.Contains("VEVENT", components);
        Assert.Contains("VTODO", components);
        Assert.Contains("VJOURNAL", components);
        Assert.Equal(200, (await _host.SendAsync("OPTIONS", "/calendars/alice/")).Status);
    }

    [Fact]
    public async Task Davx5_reads_the_sync_properties_of_a_calendar()
    {
        var response = await _host.PropfindAsync("/calendars/alice/default/", "<D:supported-report-set/><D:sync-token/><CS:getctag/><C:max-resource-size/><C:min-date-time/><C:max-date-time/><C:supported-calendar-data/>");
        var calendar = response.Response("/calendars/alice/default/");
        Assert.True(long.Parse(calendar.Found(C + "max-resource-size")!.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("19000101T000000Z", calendar.Found(C + "min-date-time")!.Value);
        Assert.Equal("text/calendar", (string?)calendar.Found(C + "supported-calendar-data")!.Element(C + "calendar-data")!.Attribute("content-type"));
    }

    [Fact]
    public async Task Vdirsyncer_and_tsdav_find_the_home_from_the_principal_and_list_it()
    {
        var root = await _host.PropfindAsync("/", "<D:current-user-principal/>");
        var principal = root.Response("/").Found(D + "current-user-principal")!.Element(D + "href")!.Value;
        var home = (await _host.PropfindAsync(principal, "<C:calendar-home-set/>")).Response(principal).Found(C + "calendar-home-set")!.Element(D + "href")!.Value;
        var listing = await _host.PropfindAsync(home, "<D:resourcetype/><D:displayname/><C:calendar-description/><ICAL:calendar-color/><CS:getctag/><D:sync-token/><C:supported-calendar-component-set/>", depth: "1");
        Assert.Contains("/calendars/alice/default/", listing.Hrefs());
        Assert.Equal("Calendar", listing.Response("/calendars/alice/default/").Found(D + "displayname")!.Value);
    }
}
