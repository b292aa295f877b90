using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:getcontenttype: the Content-Type GET returns.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.5"/>
/// </summary>
public sealed class GetContentTypeProperty : IDavTextProperty
{
    public XName Name => DavNames.GetContentType;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => node is IDavFile;

    public string? GetText(DavPropertyContext context) => (context.Node as IDavFile)?.ContentType;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) => this.GetElement(context);
}
