using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:owner: the href of the principal that owns the resource.
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-5.1"/>
/// </summary>
public sealed class OwnerProperty : IDavLiveProperty
{
    public XName Name => DavNames.Owner;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is IDavOwned;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node is IDavOwned { OwnerHref: { } href }
            ? new XElement(Name, new XElement(DavNames.Href, href))
            : null);
}
