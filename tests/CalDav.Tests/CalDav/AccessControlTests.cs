namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;

/// <summary>
/// RFC 3744 section 7.2: a server that advertises "access-control" supports the ACL method and
/// the properties of section 5. Access here is fixed (owner all, others nothing), so DAV:acl is a
/// read-only view of one protected ACE and the ACL method refuses any ACE (section 8.1.1).
/// </summary>
public sealed class AccessControlTests : IAsyncLifetime
{
    private const string Calendar = "/calendars/alice/default/";
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Options_advertise_access_control_and_allow_the_acl_method()
    {
        var response = await _host.SendAsync("OPTIONS", Calendar);
        var dav = response.Header("DAV")!.Split(',').Select(t => t.Trim()).ToList();
        Assert.Contains("access-control", dav);
        Assert.Contains("ACL", response.Header("Allow")!.Split(',').Select(t => t.Trim()));
    }

    [Fact]
    public async Task Acl_of_a_calendar_is_one_protected_ace_granting_all_to_the_owner()
    {
        var response = await _host.PropfindAsync(Calendar, "<D:acl/><D:owner/>");

        var props = response.Response(Calendar);
        var ace = Assert.Single(props.Found(D + "acl")!.Elements(D + "ace"));
        Assert.Equal("/principals/alice/", ace.Element(D + "principal")!.Element(D + "href")!.Value);
        Assert.Equal([D + "all"], ace.Element(D + "grant")!.Elements(D + "privilege").Select(p => p.Elements().Single().Name));
        Assert.NotNull(ace.Element(D + "protected"));
        Assert.Equal("/principals/alice/", props.Found(D + "owner")!.Element(D + "href")!.Value);
    }

    [Fact]
    public async Task Acl_of_a_principal_grants_its_owner_only_read()
    {
        var response = await _host.PropfindAsync("/principals/alice/", "<D:acl/>");

        var ace = response.Response("/principals/alice/").Found(D + "acl")!.Element(D + "ace")!;
        var granted = ace.Element(D + "grant")!.Elements(D + "privilege").Select(p => p.Elements().Single().Name).ToList();
        Assert.Contains(D + "read", granted);
        Assert.DoesNotContain(D + "all", granted);
        Assert.DoesNotContain(D + "write", granted);
    }

    [Fact]
    public async Task Supported_privilege_set_aggregates_the_write_privileges_under_all()
    {
        var response = await _host.PropfindAsync(Calendar, "<D:supported-privilege-set/><D:acl-restrictions/>");

        var props = response.Response(Calendar);
        var all = props.Found(D + "supported-privilege-set")!.Element(D + "supported-privilege")!;
        Assert.Equal(D + "all", all.Element(D + "privilege")!.Elements().Single().Name);
        var write = all.Elements(D + "supported-privilege").Single(p => p.Element(D + "privilege")!.Element(D + "write") is not null);
        var aggregated = write.Elements(D + "supported-privilege").Select(p => p.Element(D + "privilege")!.Elements().Single().Name).ToList();
        Assert.Equal([D + "write-properties", D + "write-content", D + "bind", D + "unbind"], aggregated);
        var restrictions = props.Found(D + "acl-restrictions")!;
        Assert.NotNull(restrictions.Element(D + "grant-only"));
        Assert.NotNull(restrictions.Element(D + "no-invert"));
    }

    public static TheoryData<string, string> RefusedAces => new()
    {
        // RFC 3744 8.1.1: "(DAV:no-invert): The ACL request MUST NOT include a DAV:invert element".
        { "<D:ace><D:invert><D:principal><D:href>/principals/bob/</D:href></D:principal></D:invert><D:grant><D:privilege><D:read/></D:privilege></D:grant></D:ace>", "no-invert" },
        // "(DAV:grant-only): The ACEs submitted in the ACL request MUST NOT include a deny ACE".
        { "<D:ace><D:principal><D:all/></D:principal><D:deny><D:privilege><D:read/></D:privilege></D:deny></D:ace>", "grant-only" },
        // "(DAV:not-supported-privilege): The ACEs submitted in the ACL request MUST be supported by the resource".
        { "<D:ace><D:principal><D:href>/principals/bob/</D:href></D:principal><D:grant><D:privilege><D:launch-rockets/></D:privilege></D:grant></D:ace>", "not-supported-privilege" },
        // "(DAV:limited-number-of-aces): The number of ACEs submitted in the ACL request MUST NOT exceed the number of ACEs allowed".
        { "<D:ace><D:principal><D:href>/principals/bob/</D:href></D:principal><D:grant><D:privilege><D:read/></D:privilege></D:grant></D:ace>", "limited-number-of-aces" },
    };

    [Theory]
    [MemberData(nameof(RefusedAces))]
    public async Task Acl_method_refuses_any_ace_with_the_precondition_it_breaks(string ace, string precondition)
    {
        var response = await _host.SendAsync("ACL", Calendar, $"""<?xml version="1.0"?><D:acl xmlns:D="DAV:">{ace}</D:acl>""");

        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(D + precondition));
        // Nothing changed: still the single protected owner ACE.
        var acl = (await _host.PropfindAsync(Calendar, "<D:acl/>")).Response(Calendar).Found(D + "acl")!;
        Assert.Equal("/principals/alice/", Assert.Single(acl.Elements(D + "ace")).Element(D + "principal")!.Element(D + "href")!.Value);
    }

    [Fact]
    public async Task Acl_method_with_no_aces_replaces_nothing_and_succeeds_but_a_wrong_body_is_a_400()
    {
        Assert.Equal(200, (await _host.SendAsync("ACL", Calendar, """<D:acl xmlns:D="DAV:"/>""")).Status);
        Assert.Equal(400, (await _host.SendAsync("ACL", Calendar, """<D:propfind xmlns:D="DAV:"/>""")).Status);
        Assert.Equal(404, (await _host.SendAsync("ACL", "/calendars/alice/missing/", """<D:acl xmlns:D="DAV:"/>""")).Status);
    }
}
