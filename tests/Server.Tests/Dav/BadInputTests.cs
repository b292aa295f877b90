using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Dav;

/// <summary>Hostile or broken requests against the composed server get clean 4xx answers, never 5xx.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Home = "/calendars/alice/";
    private const string Calendar = "/calendars/alice/default/";
    private SignedInServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SignedInServer.StartAsync(new Dictionary<string, string?> { ["Limits:MaxResourceBytes"] = "20000" });
        // The first access to the home creates the default calendar.
        Assert.Equal(207, (await _server.SendAsync("PROPFIND", Home, "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>",
            decorate: r => r.Headers.Add("Depth", "1"))).Status);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Malformed_XML_gets_400()
    {
        var response = await _server.SendAsync("PROPFIND", Home, "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype></D:prop>");

        Assert.Equal(400, response.Status);
    }

    [Theory]
    [InlineData("<!DOCTYPE propfind [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&xxe;</D:displayname></D:prop></D:propfind>")]
    [InlineData("<!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&c;</D:displayname></D:prop></D:propfind>")]
    public async Task Documents_with_a_DTD_or_entities_are_refused_and_nothing_is_expanded(string body)
    {
        var response = await _server.SendAsync("PROPPATCH", Calendar, body);

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain("root:", response.Body);
        Assert.DoesNotContain("aaaaaaaaaa", response.Body);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_in_a_plain_collection_gets_413_with_a_reason()
    {
        Assert.Equal(201, (await _server.SendAsync("MKCOL", Home + "files/")).Status);

        var response = await _server.SendAsync("PUT", Home + "files/big.txt", new string('x', 30_000), "text/plain");

        Assert.Equal(413, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.Body));
        Assert.Equal(404, (await _server.SendAsync("GET", Home + "files/big.txt")).Status);
    }

    // RFC 4791 section 5.3.2.1: in a calendar collection the limit is the CALDAV:max-resource-size
    // precondition; we answer 413 (RFC 9110 15.5.14) with that element in the DAV:error body, so the
    // status is the same whether the body came with a Content-Length or chunked.
    [Fact]
    public async Task A_calendar_object_over_the_size_limit_is_refused_with_max_resource_size()
    {
        var big = SignedInServer.Event("big", summary: new string('x', 30_000));

        var response = await _server.SendAsync("PUT", Calendar + "big.ics", big, "text/calendar; charset=utf-8");

        Assert.True(response.Status == 413 && response.Body.Contains("max-resource-size"), $"{response.Status}: {response.Body}");
        Assert.Equal(404, (await _server.SendAsync("GET", Calendar + "big.ics")).Status);
    }

    [Fact]
    public async Task An_XML_body_over_1_MB_gets_413()
    {
        var padding = new string(' ', 1024 * 1024 + 10);
        var body = "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop>" + padding + "</D:propfind>";

        var response = await _server.SendAsync("PROPFIND", Home, body);

        Assert.Equal(413, response.Status);
    }

    [Fact]
    public async Task An_unknown_method_gets_405_with_an_Allow_header_listing_the_DAV_methods()
    {
        var response = await _server.SendAsync("FROBNICATE", Calendar);

        Assert.Equal(405, response.Status);
        var allow = string.Join(", ", response.Message.Content.Headers.Allow);
        foreach (var method in new[] { "PROPFIND", "REPORT", "PUT", "DELETE", "MKCALENDAR", "OPTIONS" })
        {
            Assert.Contains(method, allow);
        }
    }

    // INTEROP.md section 2: '@' as %40, '+', double slashes broke other servers' clients.
    [Theory]
    [InlineData("user%40example.com.ics")]
    [InlineData("a+b.ics")]
    [InlineData("with%20space.ics")]
    public async Task Encoded_names_round_trip_through_PUT_and_GET(string name)
    {
        var put = await _server.SendAsync("PUT", Calendar + name, SignedInServer.Event("uid-" + Guid.NewGuid().ToString("N")), "text/calendar");
        Assert.Equal(201, put.Status);

        Assert.Equal(200, (await _server.SendAsync("GET", Calendar + name)).Status);
    }

    [Theory]
    [InlineData("/calendars/alice/../bob/default/x.ics")]
    [InlineData("/calendars/alice/%2E%2E/bob/default/x.ics")]
    [InlineData("/calendars/bob/default/x.ics")]
    [InlineData("/calendars/alice/default%2F..%2F..%2Fbob/x.ics")]
    [InlineData("/calendars//bob//default/x.ics")]
    public async Task Paths_that_try_to_reach_another_users_calendar_never_write_there(string target)
    {
        var response = await _server.SendAsync("PUT", target, SignedInServer.Event("intruder-" + Guid.NewGuid().ToString("N")), "text/calendar");

        Assert.InRange(response.Status, 400, 499);
        _server.Client.DefaultRequestHeaders.Authorization = SignedInServer.Basic("bob", SignedInServer.BobPassword);
        var bobs = await _server.SendAsync("PROPFIND", "/calendars/bob/default/", "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>",
            decorate: r => r.Headers.Add("Depth", "1"));
        Assert.DoesNotContain("x.ics", bobs.Body);
    }

    [Theory]
    // HttpClient re-encodes a lone '%' and TestServer refuses %00 before the app sees it; Kestrel
    // answers those with 400 itself, so only what reaches the application is tested here.
    [InlineData("/calendars/alice/default/..")]
    [InlineData("/calendars/alice/default/%2E%2E")]
    [InlineData("/calendars/alice/default/a%2Fb.ics")]
    public async Task Broken_or_dangerous_encodings_are_refused_cleanly(string target)
    {
        var response = await _server.SendAsync("PUT", target, SignedInServer.Event("odd-" + Guid.NewGuid().ToString("N")), "text/calendar");

        Assert.InRange(response.Status, 400, 499);
    }
}
