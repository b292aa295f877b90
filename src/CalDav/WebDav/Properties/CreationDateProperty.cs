using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:creationdate in RFC 3339 date-time format.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.1"/>
/// </summary>
public sealed class CreationDateProperty : IDavTextProperty
{
    public XName Name => DavNames.CreationDate;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => true;

    public string? GetText(DavPropertyContext context) =>
        context.Node.CreationDate?.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) => this.GetElement(context);
}
