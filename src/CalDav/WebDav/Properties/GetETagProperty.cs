using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:getetag: the same quoted entity tag as the ETag header of GET.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.6"/>
/// </summary>
public sealed class GetETagProperty : IDavTextProperty
{
    public XName Name => DavNames.GetETag;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => true;

    public string? GetText(DavPropertyContext context) => context.Node.ETag?.ToString();

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) => this.GetElement(context);
}
