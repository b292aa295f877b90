using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class ProppatchTests
{
    private static readonly XNamespace Z = "urn:z";

    private static string Update(string instructions) =>
        $"<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\" xmlns:I=\"http://apple.com/ns/ical/\">{instructions}</D:propertyupdate>";

    // RFC 4918 9.2: "Instructions MUST either all be executed or none executed ... in document order."
    [Fact]
    public async Task Set_and_remove_are_applied_in_document_order()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/c/");

        var response = await host.ProppatchAsync("/c/", Update(
            "<D:set><D:prop><Z:a>1</Z:a></D:prop></D:set><D:remove><D:prop><Z:a/></D:prop></D:remove>" +
            "<D:set><D:prop><Z:b>2</Z:b><D:displayname>Work</D:displayname></D:prop></D:set>"));

        Assert.Equal(200, response.PropertyStatus("/c/", Z + "a"));
        var after = await host.PropfindAsync("/c/", DavTestHost.PropBody(Z + "a", Z + "b", DavNames.DisplayName));
        Assert.Equal(404, after.PropertyStatus("/c/", Z + "a"));
        Assert.Equal("2", after.Property("/c/", Z + "b").Value);
        Assert.Equal("Work", after.Property("/c/", DavNames.DisplayName).Value);
    }

    // RFC 4918 9.2.1: "424 (Failed Dependency) - The property value could not be set or removed
    // because another instruction failed"; 403 for a protected property
    // (DAV:cannot-modify-protected-property, 16).
    [Fact]
    public async Task One_failing_instruction_fails_all_with_424_for_the_others_and_stores_nothing()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/c/");

        var response = await host.ProppatchAsync("/c/", Update(
            "<D:set><D:prop><Z:a>1</Z:a><D:getetag>\"forged\"</D:getetag><D:displayname>X</D:displayname></D:prop></D:set>"));

        Assert.Equal(424, response.PropertyStatus("/c/", Z + "a"));
        Assert.Equal(403, response.PropertyStatus("/c/", DavNames.GetETag));
        Assert.Equal(424, response.PropertyStatus("/c/", DavNames.DisplayName));
        Assert.Contains("<D:cannot-modify-protected-property/>", response.Body);
        var after = await host.PropfindAsync("/c/", DavTestHost.PropBody(Z + "a", DavNames.DisplayName));
        Assert.Equal(404, after.PropertyStatus("/c/", Z + "a"));
        Assert.Equal(404, after.PropertyStatus("/c/", DavNames.DisplayName));
    }

    [Fact]
    public async Task A_module_property_validates_and_normalises_its_value()
    {
        await using var host = await DavTestHost.StartAsync(modules: new DavTestModule());
        await host.MkcolAsync("/c/");

        var bad = await host.ProppatchAsync("/c/", Update("<D:set><D:prop><I:calendar-color>red</I:calendar-color></D:prop></D:set>"));
        var good = await host.ProppatchAsync("/c/", Update("<D:set><D:prop><I:calendar-color>#ff0000</I:calendar-color></D:prop></D:set>"));

        Assert.Equal(409, bad.PropertyStatus("/c/", DavTestModule.ColorProperty));
        Assert.Equal(200, good.PropertyStatus("/c/", DavTestModule.ColorProperty));
        var after = await host.PropfindAsync("/c/", DavTestHost.PropBody(DavTestModule.ColorProperty));
        Assert.Equal("#FF0000", after.Property("/c/", DavTestModule.ColorProperty).Value);
    }

    [Fact]
    public async Task Displayname_with_markup_is_refused()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.ProppatchAsync("/", Update("<D:set><D:prop><D:displayname><Z:b>x</Z:b></D:displayname></D:prop></D:set>"));

        Assert.Equal(409, response.PropertyStatus("/", DavNames.DisplayName));
    }

    // RFC 4918 4.3: property values are well-formed XML and must be kept with their namespaces.
    [Fact]
    public async Task Dead_property_values_keep_markup_namespaces_and_non_bmp_characters()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/f", "x", expect: 201);

        await host.ProppatchAsync("/f", Update(
            "<D:set><D:prop><Z:rich xmlns:Q=\"urn:q\"><Q:inner attr=\"v\">text</Q:inner>\U0001F600</Z:rich><nons xmlns=\"\">plain</nons></D:prop></D:set>"));

        var after = await host.PropfindAsync("/f", DavTestHost.PropBody(Z + "rich", XName.Get("nons")));
        var rich = after.Property("/f", Z + "rich");
        Assert.Equal("v", rich.Element(XName.Get("inner", "urn:q"))!.Attribute("attr")!.Value);
        Assert.EndsWith("\U0001F600", rich.Value);
        Assert.Equal("plain", after.Property("/f", XName.Get("nons")).Value);
    }

    [Theory]
    [InlineData("<D:propfind xmlns:D=\"DAV:\"/>")]
    [InlineData("<D:propertyupdate xmlns:D=\"DAV:\"><D:set/></D:propertyupdate>")]
    public async Task A_body_without_instructions_is_a_bad_request(string body)
    {
        await using var host = await DavTestHost.StartAsync();
        await host.ProppatchAsync("/", body, expect: 400);
    }

    [Fact]
    public async Task Patching_a_missing_resource_is_404()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.ProppatchAsync("/missing", Update("<D:set><D:prop><Z:a>1</Z:a></D:prop></D:set>"), expect: 404);
    }
}
