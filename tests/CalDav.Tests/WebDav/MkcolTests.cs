using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class MkcolTests
{
    private const string ExtendedWidget = """
        <D:mkcol xmlns:D="DAV:" xmlns:T="urn:example:test">
          <D:set><D:prop>
            <D:resourcetype><D:collection/><T:widget/></D:resourcetype>
            <D:displayname>Gadgets</D:displayname>
          </D:prop></D:set>
        </D:mkcol>
        """;

    [Fact]
    public async Task Mkcol_creates_a_collection_with_201()
    {
        await using var host = await DavTestHost.StartAsync();

        await host.MkcolAsync("/c/");

        var response = await host.PropfindAsync("/c/", DavTestHost.PropBody(DavNames.ResourceType));
        Assert.NotNull(response.Property("/c/", DavNames.ResourceType).Element(DavNames.Collection));
    }

    // RFC 4918 9.3.1: "405 (Method Not Allowed) - MKCOL can only be executed on an unmapped URL."
    [Fact]
    public async Task Mkcol_on_an_existing_resource_is_405_with_allow()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/c/");

        var again = await host.MkcolAsync("/c/", expect: 405);

        Assert.Contains("PROPFIND", again.Header("Allow"));
    }

    // RFC 4918 9.3.1: "409 (Conflict) - A collection cannot be made at the Request-URI until one or
    // more intermediate collections have been created."
    [Fact]
    public async Task Mkcol_without_a_parent_is_409()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/a/b/", expect: 409);
    }

    // RFC 4918 9.3: an unsupported request body "MUST respond with a 415 (Unsupported Media Type)".
    [Fact]
    public async Task Mkcol_with_a_body_that_is_not_extended_mkcol_is_415()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.SendAsync("MKCOL", "/c/", "afafafaf", contentType: "text/plain", expect: 415);
        await host.SendAsync("MKCOL", "/c/", "<D:propfind xmlns:D=\"DAV:\"/>", expect: 415);
    }

    // RFC 5689 3: extended MKCOL sets the resource type and properties when the collection is made.
    [Fact]
    public async Task Extended_mkcol_creates_a_registered_resource_type_with_its_properties()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());

        await host.SendAsync("MKCOL", "/w/", ExtendedWidget, expect: 201);

        var response = await host.PropfindAsync("/w/", DavTestHost.PropBody(DavNames.ResourceType, DavNames.DisplayName));
        var type = response.Property("/w/", DavNames.ResourceType);
        Assert.NotNull(type.Element(DavNames.Collection));
        Assert.NotNull(type.Element(DavTestModule.Widget));
        Assert.Equal("Gadgets", response.Property("/w/", DavNames.DisplayName).Value);
    }

    // RFC 5689 3.3: DAV:valid-resourcetype, "The server MUST support the specified resourcetype".
    [Fact]
    public async Task Extended_mkcol_with_an_unregistered_type_fails_with_an_mkcol_response()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.SendAsync("MKCOL", "/w/", ExtendedWidget, expect: 403);

        Assert.Equal(DavNames.MkcolResponse, response.Xml.Root!.Name);
        Assert.Contains("<D:valid-resourcetype/>", response.Body);
        Assert.Contains("424 Failed Dependency", response.Body);
        await host.PropfindAsync("/w/", body: null, expect: 404);
    }
}
