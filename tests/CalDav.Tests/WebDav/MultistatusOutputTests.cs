using System.Text;
using System.Xml;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>
/// The UTF-8 multistatus output (Utf8XmlOutput, ElementTags, XElementUtf8Writer) must mean exactly
/// what XmlWriter wrote before: each case is written both ways inside the response root, parsed
/// back, and compared as trees (namespace declarations aside: prefixes are free, names are not).
/// </summary>
public sealed class MultistatusOutputTests
{
    private const string Root = "<D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" xmlns:CS=\"http://calendarserver.org/ns/\" xmlns:ICAL=\"http://apple.com/ns/ical/\">";

    public static TheoryData<string> Elements => new()
    {
        "<D:getetag xmlns:D=\"DAV:\">\"abc\"</D:getetag>",
        "<D:resourcetype xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:collection/><C:calendar/></D:resourcetype>",
        "<D:resourcetype xmlns:D=\"DAV:\"></D:resourcetype>",
        "<A:color xmlns:A=\"http://apple.com/ns/ical/\">#FF0000FF</A:color>",
        "<x:p xmlns:x=\"urn:unknown\"><x:child>text &amp; more &lt;b&gt;</x:child><y:other xmlns:y=\"urn:second\" y:attr=\"1\" plain=\"q&quot;&lt;\"/></x:p>",
        "<D:x xmlns:D=\"urn:not-dav\"><D:y/></D:x>",
        "<p xmlns=\"urn:default\"><q>nested in the default</q><r xmlns=\"\">none</r></p>",
        "<none>no namespace<inner/></none>",
        "<D:displayname xmlns:D=\"DAV:\" xml:lang=\"de\">Büro ✓ 😀</D:displayname>",
        "<x:cdata xmlns:x=\"urn:c\"><![CDATA[<not markup> & ]]></x:cdata>",
        "<x:c xmlns:x=\"urn:c\">before<!-- a comment -->after</x:c>",
        "<x0:a xmlns:x0=\"urn:one\"><x1:b xmlns:x1=\"urn:two\"><x0:c/></x1:b><x1:d xmlns:x1=\"urn:three\"/></x0:a>",
        "<X:a xmlns:X=\"urn:one\" a=\"tab\tline&#10;end\"/>",
        "<C:calendar-description xmlns:C=\"urn:ietf:params:xml:ns:caldav\">  spaced  </C:calendar-description>",
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void An_element_parses_back_to_the_same_tree_as_with_XmlWriter(string xml)
    {
        var element = XElement.Parse(xml, LoadOptions.PreserveWhitespace);

        var ours = Parse(WriteOurs(o => XElementUtf8Writer.Write(o, element)));
        var reference = Parse(WriteWithXmlWriter(element));

        Assert.True(XNode.DeepEquals(WithoutDeclarations(reference), WithoutDeclarations(ours)),
            $"ours: {ours}\nXmlWriter: {reference}");
    }

    [Theory]
    [InlineData("DAV:", "getetag", "<D:getetag>", "<D:getetag/>")]
    [InlineData("urn:ietf:params:xml:ns:caldav", "calendar-data", "<C:calendar-data>", "<C:calendar-data/>")]
    [InlineData("urn:x-custom", "p", "<X:p xmlns:X=\"urn:x-custom\">", "<X:p xmlns:X=\"urn:x-custom\"/>")]
    [InlineData("", "bare", "<bare>", "<bare/>")]
    public void Tags_use_the_root_prefixes_and_declare_any_other_namespace_on_the_element(string ns, string local, string start, string empty)
    {
        var tags = ElementTags.Of(XName.Get(local, ns));

        Assert.Equal(start, Encoding.UTF8.GetString(tags.Start));
        Assert.Equal(empty, Encoding.UTF8.GetString(tags.Empty));
        var parsed = Parse(WriteOurs(o => { o.WriteRaw(tags.Start); o.WriteText("v"); o.WriteRaw(tags.End); o.WriteRaw(tags.Empty); }));
        Assert.All(parsed.Elements(), e => Assert.Equal(XName.Get(local, ns), e.Name));
    }

    // RFC 4791 9.6: calendar-data is the iCalendar text, whose lines end in CRLF (RFC 5545 3.1). An XML
    // parser turns a literal CRLF into LF (XML 1.0 section 2.11), so CR goes out as &#13;.
    [Fact]
    public void Calendar_data_keeps_its_CRLF_and_its_markup_characters_through_a_parser()
    {
        const string ics = "BEGIN:VCALENDAR\r\nSUMMARY:Fish & <Chips> \"now\" > later ]]> 😀 Büro\r\nDESCRIPTION:tab\there\r\nEND:VCALENDAR\r\n";

        var fromBytes = Parse(WriteOurs(o => o.WriteText(Encoding.UTF8.GetBytes(ics))));
        var fromString = Parse(WriteOurs(o => o.WriteText(ics)));

        Assert.Equal(ics, fromBytes.Value);
        Assert.Equal(ics, fromString.Value);
    }

    [Fact]
    public void Characters_XML_cannot_carry_become_replacement_characters_and_the_document_stays_well_formed()
    {
        var text = "a\u0001b\u000Bc\uFFFEd\uFFFFe" + "\uD800" + "f";
        var utf8 = new byte[] { (byte)'a', 0x01, (byte)'b', 0xEF, 0xBF, 0xBE, (byte)'c', 0xFF, (byte)'d', 0xEF, 0xBB, 0xBF, (byte)'e' };

        var fromString = Parse(WriteOurs(o => o.WriteText(text)));
        var fromBytes = Parse(WriteOurs(o => o.WriteText(utf8)));

        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf", fromString.Value);
        // Invalid UTF-8 (0xFF) makes the whole value go through the decoder; U+FEFF (EF BB BF) is a valid character and stays.
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd\uFEFFe", fromBytes.Value);
    }

    [Fact]
    public void Text_longer_than_the_first_buffer_is_written_whole()
    {
        var text = string.Concat(Enumerable.Repeat("line & more <x>\r\n", 20_000));

        var parsed = Parse(WriteOurs(o => o.WriteText(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(text, parsed.Value);
    }

    private static string WriteOurs(Action<Utf8XmlOutput> write)
    {
        using var output = new Utf8XmlOutput(16);
        output.WriteRaw(Root);
        write(output);
        output.WriteRaw("</D:multistatus>");
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string WriteWithXmlWriter(XElement element)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            MultistatusWriter.WriteRootStart(writer, DavNames.Multistatus);
            element.WriteTo(writer);
            writer.WriteEndElement();
        }
        return builder.ToString();
    }

    private static XElement Parse(string document)
    {
        using var reader = XmlReader.Create(new StringReader(document), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XElement.Load(reader, LoadOptions.PreserveWhitespace);
    }

    private static XElement WithoutDeclarations(XElement element) => new(element.Name,
        element.Attributes().Where(a => !a.IsNamespaceDeclaration),
        element.Nodes().Select(n => n switch
        {
            XElement child => WithoutDeclarations(child),
            XCData cdata => new XText(cdata.Value),
            _ => n,
        }));
}
