using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav.Properties;

/// <summary>
/// CALDAV:calendar-home-set: "Identifies the URL of any WebDAV collections that contain calendar
/// collections owned by the associated principal resource." One href (clients use the first).
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-6.2.1"/>
/// </summary>
internal sealed class CalendarHomeSetProperty : IDavLiveProperty
{
    public XName Name => CalDavNames.CalendarHomeSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is PrincipalNode;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(context.Node is PrincipalNode principal
            ? new XElement(Name, new XElement(DavNames.Href, DavLayout.HomeHref(context.Request.EncodedBase, principal.UserName)))
            : null);
}

/// <summary>
/// CALDAV:calendar-user-address-set (RFC 6638 section 2.4.1, used by RFC 4791 clients): a mailto:
/// address and the principal's path; DAVx5 names the account after the first.
/// </summary>
internal sealed class CalendarUserAddressSetProperty : IDavLiveProperty
{
    public XName Name => CalDavNames.CalendarUserAddressSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is PrincipalNode;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        if (context.Node is not PrincipalNode principal)
        {
            return ValueTask.FromResult<XElement?>(null);
        }
        var user = principal.UserName;
        var mail = user.Contains('@') ? user : user + "@" + context.Request.Http.Request.Host.Host;
        return ValueTask.FromResult<XElement?>(new XElement(Name,
            new XElement(DavNames.Href, "mailto:" + mail),
            new XElement(DavNames.Href, DavLayout.PrincipalHref(context.Request.EncodedBase, user))));
    }
}

/// <summary>
/// DAV:principal-URL: "A principal may have many URLs, but there must be one 'principal URL'".
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-4.2"/>
/// </summary>
internal sealed class PrincipalUrlProperty : IDavLiveProperty
{
    public XName Name => CalDavNames.PrincipalUrl;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is PrincipalNode;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(context.Node is PrincipalNode principal
            ? new XElement(Name, new XElement(DavNames.Href, DavLayout.PrincipalHref(context.Request.EncodedBase, principal.UserName)))
            : null);
}

/// <summary>
/// DAV:principal-collection-set: the collection(s) holding principals; offered on every resource.
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-5.8"/>
/// </summary>
internal sealed class PrincipalCollectionSetProperty : IDavLiveProperty
{
    public XName Name => CalDavNames.PrincipalCollectionSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(new XElement(Name, new XElement(DavNames.Href, DavLayout.PrincipalsHref(context.Request.EncodedBase))));
}
