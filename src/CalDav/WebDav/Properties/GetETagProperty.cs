using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:getetag: the same quoted entity tag as the ETag header of GET.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.6"/>
/// </summary>
public sealed class GetETagProperty : IDavLiveProperty
{
    public XName Name => DavNames.GetETag;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node.ETag is { } etag ? new XElement(Name, etag.ToString()) : null);
}
