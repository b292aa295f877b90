using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:getlastmodified in the HTTP date format (rfc1123-date).
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.7"/>
/// </summary>
public sealed class GetLastModifiedProperty : IDavTextProperty
{
    public XName Name => DavNames.GetLastModified;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => true;

    public string? GetText(DavPropertyContext context) =>
        context.Node.LastModified?.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) => this.GetElement(context);
}
