using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:current-user-principal: the signed-in principal's href, or DAV:unauthenticated.
/// Available on every resource (INTEROP.md: clients probe it anywhere).
/// <see href="https://www.rfc-editor.org/rfc/rfc5397#section-3"/>
/// </summary>
public sealed class CurrentUserPrincipalProperty : IDavLiveProperty
{
    public XName Name => DavNames.CurrentUserPrincipal;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(new XElement(Name,
            context.Request.PrincipalHref is { } href
                ? new XElement(DavNames.Href, href)
                : new XElement(DavNames.Unauthenticated)));
}
