using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>Request bodies are parsed with DTDs prohibited, no resolver, and size caps.</summary>
public sealed class XmlSafetyTests
{
    [Fact]
    public async Task Malformed_xml_is_a_bad_request_that_says_why()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.PropfindAsync("/", "<D:propfind xmlns:D=\"DAV:\"><D:prop>", expect: 400);

        Assert.Contains("Malformed XML", response.Body);
    }

    [Fact]
    public async Task An_undeclared_prefix_is_a_bad_request()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PropfindAsync("/", "<D:propfind xmlns:D=\"DAV:\"><D:prop><X:foo/></D:prop></D:propfind>", expect: 400);
    }

    // External entities must never be resolved (XXE): a DOCTYPE is refused outright.
    [Fact]
    public async Task A_document_type_declaration_is_refused_so_entities_are_never_expanded()
    {
        await using var host = await DavTestHost.StartAsync();
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&x;</D:displayname></D:prop></D:propfind>
            """;

        var response = await host.PropfindAsync("/", body, expect: 400);

        Assert.DoesNotContain("root:", response.Body);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        await using var host = await DavTestHost.StartAsync(configure: o => o.MaxXmlBodyBytes = 200);
        var body = "<D:propfind xmlns:D=\"DAV:\"><D:prop>" + string.Concat(Enumerable.Repeat("<D:displayname/>", 50)) + "</D:prop></D:propfind>";

        await host.PropfindAsync("/", body, expect: 413);
    }

    [Fact]
    public async Task A_document_expanding_past_the_character_cap_is_refused()
    {
        await using var host = await DavTestHost.StartAsync(configure: o => o.MaxXmlCharacters = 100);
        var body = "<D:propfind xmlns:D=\"DAV:\"><D:prop>" + string.Concat(Enumerable.Repeat("<D:displayname/>", 20)) + "</D:prop></D:propfind>";

        await host.PropfindAsync("/", body, expect: 400);
    }

    [Fact]
    public async Task A_root_other_than_propfind_is_a_bad_request()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PropfindAsync("/", "<D:propertyupdate xmlns:D=\"DAV:\"/>", expect: 400);
    }

    [Fact]
    public void Names_are_compared_by_namespace_not_prefix()
    {
        var document = DavXmlReader.Parse("<propfind xmlns=\"DAV:\"><prop><getetag/></prop></propfind>"u8.ToArray(), 1000);

        Assert.Equal(DavNames.Propfind, document.Root!.Name);
        Assert.Equal(DavNames.GetETag, document.Root.Element(DavNames.Prop)!.Elements().Single().Name);
    }
}
