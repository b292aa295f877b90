using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class CopyMoveTests
{
    private static Dictionary<string, string> To(string destination, string? overwrite = null, string? depth = null)
    {
        var headers = new Dictionary<string, string> { ["Destination"] = destination };
        if (overwrite is not null)
        {
            headers["Overwrite"] = overwrite;
        }
        if (depth is not null)
        {
            headers["Depth"] = depth;
        }
        return headers;
    }

    // RFC 4918 9.8.5: "201 (Created) - The source resource was successfully copied. The COPY
    // operation resulted in the creation of a new resource." / "204 (No Content) - The source
    // resource was successfully copied to a preexisting destination resource."
    [Fact]
    public async Task Copy_answers_201_for_a_new_destination_and_204_when_it_replaced_one()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/a", "A", expect: 201);

        await host.SendAsync("COPY", "/a", headers: To("/b"), expect: 201);
        await host.SendAsync("COPY", "/a", headers: To("http://localhost/b"), expect: 204);

        Assert.Equal("A", (await host.SendAsync("GET", "/b", expect: 200)).Body);
        Assert.Equal("A", (await host.SendAsync("GET", "/a", expect: 200)).Body);
    }

    // RFC 4918 10.6: "If the overwrite header is set to 'F' then the server MUST NOT perform the
    // COPY or MOVE operation [onto an existing destination]" and answers 412.
    [Fact]
    public async Task Overwrite_f_onto_an_existing_destination_is_412_and_changes_nothing()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/a", "A", expect: 201);
        await host.PutAsync("/b", "B", expect: 201);

        await host.SendAsync("MOVE", "/a", headers: To("/b", overwrite: "F"), expect: 412);

        Assert.Equal("B", (await host.SendAsync("GET", "/b", expect: 200)).Body);
        await host.SendAsync("GET", "/a", expect: 200);
    }

    [Fact]
    public async Task Move_carries_body_and_dead_properties_and_removes_the_source()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/a", "A", expect: 201);
        await host.ProppatchAsync("/a", "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:set><D:prop><Z:p>v</Z:p></D:prop></D:set></D:propertyupdate>");

        await host.SendAsync("MOVE", "/a", headers: To("/moved"), expect: 201);

        await host.SendAsync("GET", "/a", expect: 404);
        var moved = await host.PropfindAsync("/moved", DavTestHost.PropBody(XName.Get("p", "urn:z")));
        Assert.Equal("v", moved.Property("/moved", XName.Get("p", "urn:z")).Value);
    }

    [Fact]
    public async Task Copying_a_collection_copies_members_at_depth_infinity_and_none_at_depth_zero()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/src/");
        await host.PutAsync("/src/x", "x", expect: 201);

        await host.SendAsync("COPY", "/src/", headers: To("/deep/"), expect: 201);
        await host.SendAsync("COPY", "/src/", headers: To("/shallow/", depth: "0"), expect: 201);

        Assert.Equal(["/deep/", "/deep/x"], (await host.PropfindAsync("/deep/", body: null, depth: "1")).Hrefs);
        Assert.Equal(["/shallow/"], (await host.PropfindAsync("/shallow/", body: null, depth: "1")).Hrefs);
    }

    // RFC 4918 9.8.3 / 9.9.2: COPY of a collection takes Depth 0 or infinity; MOVE only infinity.
    [Theory]
    [InlineData("COPY", "1")]
    [InlineData("MOVE", "0")]
    [InlineData("MOVE", "1")]
    public async Task Unsupported_depths_for_collections_are_400(string method, string depth)
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/src/");
        await host.SendAsync(method, "/src/", headers: To("/dst/", depth: depth), expect: 400);
    }

    [Fact]
    public async Task A_missing_destination_parent_is_409()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/a", "A", expect: 201);
        await host.SendAsync("COPY", "/a", headers: To("/no/parent/a"), expect: 409);
    }

    // RFC 4918 9.8.5: 403 "the source and destination resources are the same resource";
    // 502 "the destination is on another server".
    [Fact]
    public async Task Same_resource_is_403_another_server_is_502_and_no_destination_is_400()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/a", "A", expect: 201);

        await host.SendAsync("COPY", "/a", headers: To("/a"), expect: 403);
        await host.SendAsync("COPY", "/a", headers: To("http://elsewhere.example/a"), expect: 502);
        await host.SendAsync("COPY", "/a", expect: 400);
    }

    [Fact]
    public async Task A_collection_cannot_be_moved_into_itself()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/c/");
        await host.SendAsync("MOVE", "/c/", headers: To("/c/inner/"), expect: 403);
    }

    [Fact]
    public async Task Destinations_outside_the_mount_point_are_refused()
    {
        await using var host = await DavTestHost.StartAsync(mountPath: "/dav");
        await host.PutAsync("/dav/a", "A", expect: 201);

        await host.SendAsync("COPY", "/dav/a", headers: To("/elsewhere/a"), expect: 403);
        await host.SendAsync("COPY", "/dav/a", headers: To("/dav/b"), expect: 201);
    }

    [Fact]
    public async Task Copy_keeps_the_resource_type_of_a_registered_collection()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());
        await host.SendAsync("MKCOL", "/w/", """
            <D:mkcol xmlns:D="DAV:" xmlns:T="urn:example:test"><D:set><D:prop><D:resourcetype><D:collection/><T:widget/></D:resourcetype></D:prop></D:set></D:mkcol>
            """, expect: 201);

        await host.SendAsync("COPY", "/w/", headers: To("/w2/"), expect: 201);

        var response = await host.PropfindAsync("/w2/", DavTestHost.PropBody(DavNames.ResourceType));
        Assert.NotNull(response.Property("/w2/", DavNames.ResourceType).Element(DavTestModule.Widget));
    }
}
