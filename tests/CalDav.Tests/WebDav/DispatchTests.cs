using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class DispatchTests
{
    // RFC 4918 10.1 and 18: the DAV header lists compliance classes; class 2 requires LOCK, which
    // the core does not implement, so it must not be claimed.
    [Fact]
    public async Task Options_advertises_classes_1_and_3_not_2_and_every_registered_method()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());

        var response = await host.SendAsync("OPTIONS", "/", expect: 200);

        var classes = response.Header("DAV")!.Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("1", classes);
        Assert.Contains("3", classes);
        Assert.Contains("extended-mkcol", classes);
        Assert.Contains("widget-access", classes);
        Assert.DoesNotContain("2", classes);
        var allow = response.Header("Allow")!.Split(',', StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string> { "OPTIONS", "GET", "HEAD", "PUT", "DELETE", "MKCOL", "PROPFIND", "PROPPATCH", "COPY", "MOVE", "REPORT", "PING" }, allow.ToHashSet());
        Assert.DoesNotContain("LOCK", allow);
    }

    [Fact]
    public async Task An_unknown_method_is_405_with_an_allow_header()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.SendAsync("LOCK", "/", expect: 405);

        Assert.Contains("PROPFIND", response.Header("Allow"));
    }

    [Fact]
    public async Task A_module_method_is_dispatched_with_the_path_inside_the_mount_point()
    {
        await using var host = await DavTestHost.StartAsync(mountPath: "/dav", modules: new DavTestModule());

        var response = await host.SendAsync("PING", "/dav/some/where", expect: 204);

        Assert.Equal("/some/where", response.Header("X-Ping"));
    }

    // RFC 3253 3.6: "If the server does not support the specified report ... MUST respond with a
    // 403 (Forbidden) with the DAV:supported-report precondition".
    [Fact]
    public async Task An_unregistered_or_inapplicable_report_is_403_supported_report()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());
        await host.PutAsync("/file", "x", expect: 201);

        var unknown = await host.SendAsync("REPORT", "/", "<X:nope xmlns:X=\"urn:x\"/>", expect: 403);
        var inapplicable = await host.SendAsync("REPORT", "/file", "<T:echo-report xmlns:T=\"urn:example:test\"/>", expect: 403);

        Assert.NotNull(unknown.Xml.Root!.Element(DavNames.SupportedReport));
        Assert.NotNull(inapplicable.Xml.Root!.Element(DavNames.SupportedReport));
    }

    [Fact]
    public async Task A_registered_report_gets_the_parsed_body_and_writes_a_multistatus()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());

        var response = await host.SendAsync("REPORT", "/", "<T:echo-report xmlns:T=\"urn:example:test\" token=\"http://x/sync/7\"/>", expect: 207);

        Assert.Equal("http://x/sync/7", response.Xml.Root!.Element(DavNames.SyncToken)!.Value);
        Assert.Equal(["/"], response.Hrefs);
    }

    [Fact]
    public async Task A_percent_encoding_that_is_not_valid_utf8_is_400()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PropfindAsync("/%FF%FE", body: null, expect: 400);
    }
}
