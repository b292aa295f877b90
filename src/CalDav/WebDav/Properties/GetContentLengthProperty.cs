using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:getcontentlength: the Content-Length GET returns.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.4"/>
/// </summary>
public sealed class GetContentLengthProperty : IDavTextProperty
{
    public XName Name => DavNames.GetContentLength;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => node is IDavFile;

    public string? GetText(DavPropertyContext context) =>
        (context.Node as IDavFile)?.ContentLength.ToString(CultureInfo.InvariantCulture);

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) => this.GetElement(context);
}
