using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:creationdate in RFC 3339 date-time format.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.1"/>
/// </summary>
public sealed class CreationDateProperty : IDavLiveProperty
{
    public XName Name => DavNames.CreationDate;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node.CreationDate is { } created
            ? new XElement(Name, created.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture))
            : null);
}
