using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class PropfindTests
{
    private const string Xml = "application/xml; charset=utf-8";

    // RFC 4918 9.1: "A client may choose not to submit a request body. An empty PROPFIND request
    // body MUST be treated as if it were an 'allprop' request."
    [Fact]
    public async Task An_empty_body_is_answered_as_allprop()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/a.txt", "hello", expect: 201);

        var response = await host.PropfindAsync("/a.txt", body: null);

        var found = response.FoundProperties("/a.txt");
        Assert.Contains(DavNames.GetETag, found);
        Assert.Contains(DavNames.GetContentLength, found);
        Assert.Contains(DavNames.ResourceType, found);
        Assert.Equal("5", response.Property("/a.txt", DavNames.GetContentLength).Value);
    }

    // RFC 4918 9.1: allprop returns "the values of all dead properties and the live properties
    // defined by this document"; other live properties are only returned when named or included.
    [Fact]
    public async Task Allprop_leaves_out_live_properties_of_other_specifications_unless_included()
    {
        await using var host = await DavTestHost.StartAsync();
        var allprop = new XDocument(new XElement(DavNames.Propfind, new XElement(DavNames.Allprop))).ToString();
        var withInclude = new XDocument(new XElement(DavNames.Propfind,
            new XElement(DavNames.Allprop),
            new XElement(DavNames.Include, new XElement(DavNames.CurrentUserPrincipal)))).ToString();

        var plain = await host.PropfindAsync("/", allprop);
        var included = await host.PropfindAsync("/", withInclude);

        Assert.DoesNotContain(DavNames.CurrentUserPrincipal, plain.FoundProperties("/"));
        Assert.Contains(DavNames.CurrentUserPrincipal, included.FoundProperties("/"));
    }

    // RFC 4918 9.1: "propname ... a list of names of all the properties defined on the resource".
    [Fact]
    public async Task Propname_lists_names_without_values_including_dead_properties()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.ProppatchAsync("/", """
            <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:color>red</Z:color></D:prop></D:set></D:propertyupdate>
            """);
        var body = new XDocument(new XElement(DavNames.Propfind, new XElement(DavNames.Propname))).ToString();

        var response = await host.PropfindAsync("/", body);

        var found = response.FoundProperties("/");
        Assert.Contains(XName.Get("color", "urn:z"), found);
        Assert.Contains(DavNames.SupportedReportSet, found);
        Assert.Equal("", response.Property("/", XName.Get("color", "urn:z")).Value);
    }

    // RFC 4918 9.1: a property that does not exist is reported in a propstat with 404; INTEROP.md:
    // "Unknown props → 404 propstat, never 400/500".
    [Fact]
    public async Task Unknown_and_inapplicable_properties_get_404_propstats_beside_found_ones()
    {
        await using var host = await DavTestHost.StartAsync();
        var unknown = XName.Get("nothing", "urn:nowhere");

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(DavNames.ResourceType, unknown, DavNames.GetContentLength));

        Assert.Equal(200, response.PropertyStatus("/", DavNames.ResourceType));
        Assert.Equal(404, response.PropertyStatus("/", unknown));
        Assert.Equal(404, response.PropertyStatus("/", DavNames.GetContentLength));
    }

    // STYLE.md 3: live properties are evaluated only when requested.
    [Fact]
    public async Task A_live_property_is_computed_only_when_a_client_asks_for_it()
    {
        var module = new DavTestModule();
        await using var host = await DavTestHost.StartAsync(modules: module);

        await host.PropfindAsync("/", DavTestHost.PropBody(DavNames.ResourceType));
        await host.PropfindAsync("/", body: null);
        Assert.Equal(0, module.CountedEvaluations);

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(DavTestModule.CountedProperty));
        Assert.Equal(1, module.CountedEvaluations);
        Assert.Equal("42", response.Property("/", DavTestModule.CountedProperty).Value);
    }

    // RFC 4918 9.1: "Servers SHOULD support ... 'infinity'... [and] MAY ... reject with 403 and
    // DAV:propfind-finite-depth"; we refuse it and treat a missing Depth as 1 (documented choice).
    [Fact]
    public async Task Depth_infinity_is_refused_with_the_propfind_finite_depth_precondition()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.PropfindAsync("/", body: null, depth: "infinity", expect: 403);

        Assert.Equal(DavNames.Error, response.Xml.Root!.Name);
        Assert.NotNull(response.Xml.Root.Element(DavNames.PropfindFiniteDepth));
    }

    [Fact]
    public async Task Depth_one_lists_members_and_a_missing_depth_behaves_like_one()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/col/");
        await host.PutAsync("/col/x.txt", "x", expect: 201);
        await host.MkcolAsync("/col/sub/");
        await host.PutAsync("/col/sub/deep.txt", "d", expect: 201);

        var zero = await host.PropfindAsync("/col/", body: null, depth: "0");
        var one = await host.PropfindAsync("/col/", body: null, depth: "1");
        var missing = await host.PropfindAsync("/col/", body: null, depth: null);

        Assert.Equal(["/col/"], zero.Hrefs);
        Assert.Equal(["/col/", "/col/x.txt", "/col/sub/"], one.Hrefs);
        Assert.Equal(one.Hrefs, missing.Hrefs);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("one")]
    public async Task An_invalid_depth_is_a_bad_request(string depth)
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PropfindAsync("/", body: null, depth: depth, expect: 400);
    }

    [Fact]
    public async Task A_missing_resource_is_404()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PropfindAsync("/nothing-here", body: null, expect: 404);
    }

    // INTEROP.md 0: "207 bodies: Content-Type: application/xml; charset=utf-8, absolute-path hrefs,
    // collections end in /, namespaces declared on root."
    [Fact]
    public async Task Multistatus_bodies_declare_all_prefixes_on_the_root_and_use_absolute_hrefs()
    {
        await using var host = await DavTestHost.StartAsync(mountPath: "/dav");
        await host.MkcolAsync("/dav/cal");

        var response = await host.PropfindAsync("/dav/cal", DavTestHost.PropBody(DavNames.ResourceType, DavNames.DisplayName));

        Assert.Equal(Xml, response.Header("Content-Type"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" xmlns:CS=\"http://calendarserver.org/ns/\" xmlns:ICAL=\"http://apple.com/ns/ical/\"><D:response>", response.Body);
        Assert.Contains("<D:href>/dav/cal/</D:href>", response.Body);
        Assert.Contains("<D:resourcetype><D:collection/></D:resourcetype>", response.Body);
        Assert.DoesNotContain("xmlns=\"DAV:\"", response.Body);
    }

    // INTEROP.md 0: "if the client chose the name, echo its exact encoding in hrefs".
    [Fact]
    public async Task Member_hrefs_keep_the_percent_encoding_the_client_chose()
    {
        await using var host = await DavTestHost.StartAsync(onLoopback: true);
        await host.MkcolAsync("/cal/");
        await host.PutAsync("/cal/a%40b.ics", "x", expect: 201);
        await host.PutAsync("/cal/c@d.ics", "y", expect: 201);
        await host.PutAsync("/cal/%C3%A9t%C3%A9.ics", "z", expect: 201);

        var response = await host.PropfindAsync("/cal/", DavTestHost.PropBody(DavNames.GetETag), depth: "1");

        Assert.Equal(["/cal/", "/cal/a%40b.ics", "/cal/c@d.ics", "/cal/%C3%A9t%C3%A9.ics"], response.Hrefs);
    }

    [Fact]
    public async Task Supported_report_set_lists_registered_reports_as_elements()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(DavNames.SupportedReportSet));

        var report = response.Property("/", DavNames.SupportedReportSet)
            .Elements(DavNames.SupportedReport).Single()
            .Element(DavNames.Report)!.Elements().Single();
        Assert.Equal(DavTestModule.EchoReport, report.Name);
    }

    // RFC 5397 3: "DAV:unauthenticated ... used when the current user is not authenticated".
    [Fact]
    public async Task Current_user_principal_is_the_resolved_href_or_unauthenticated()
    {
        await using var anonymous = await DavTestHost.StartAsync();
        await using var signedIn = await DavTestHost.StartAsync(configure: o => o.PrincipalResolver = _ => "/principals/alice/");

        var nobody = await anonymous.PropfindAsync("/", DavTestHost.PropBody(DavNames.CurrentUserPrincipal));
        var alice = await signedIn.PropfindAsync("/", DavTestHost.PropBody(DavNames.CurrentUserPrincipal));

        Assert.NotNull(nobody.Property("/", DavNames.CurrentUserPrincipal).Element(DavNames.Unauthenticated));
        Assert.Equal("/principals/alice/", alice.Property("/", DavNames.CurrentUserPrincipal).Element(DavNames.Href)!.Value);
    }

    [Fact]
    public async Task Current_user_privilege_set_grants_write_content_and_bind_by_default()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(DavNames.CurrentUserPrivilegeSet));

        var privileges = response.Property("/", DavNames.CurrentUserPrivilegeSet)
            .Elements(DavNames.Privilege).Select(p => p.Elements().Single().Name).ToList();
        Assert.Contains(DavNames.WriteContent, privileges);
        Assert.Contains(DavNames.Bind, privileges);
        Assert.Contains(DavNames.Read, privileges);
    }

    [Fact]
    public async Task Etag_and_dates_have_their_wire_formats()
    {
        await using var host = await DavTestHost.StartAsync();
        var put = await host.PutAsync("/f", "body", expect: 201);

        var response = await host.PropfindAsync("/f", DavTestHost.PropBody(DavNames.GetETag, DavNames.GetLastModified, DavNames.CreationDate, DavNames.GetContentType));

        Assert.Equal(put.Header("ETag"), response.Property("/f", DavNames.GetETag).Value);
        Assert.Matches("^\"[^\"]+\"$", response.Property("/f", DavNames.GetETag).Value);
        Assert.Matches(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$", response.Property("/f", DavNames.GetLastModified).Value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", response.Property("/f", DavNames.CreationDate).Value);
        Assert.Equal("text/plain; charset=utf-8", response.Property("/f", DavNames.GetContentType).Value);
    }

    // RFC 8144 2.1: with return=minimal, "the server ... SHOULD omit ... propstat elements with
    // a 404 status"; Apple clients send Brief: t as well.
    [Theory]
    [InlineData("Prefer", "return=minimal")]
    [InlineData("Brief", "t")]
    public async Task A_minimal_preference_leaves_out_404_propstats(string header, string value)
    {
        await using var host = await DavTestHost.StartAsync();
        var headers = new Dictionary<string, string> { ["Depth"] = "0", [header] = value };

        var response = await host.SendAsync("PROPFIND", "/", DavTestHost.PropBody(DavNames.ResourceType, DavNames.GetContentLength), headers, expect: 207);

        Assert.Equal(200, response.PropertyStatus("/", DavNames.ResourceType));
        Assert.DoesNotContain("404", response.Body);
    }
}
