using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:current-user-privilege-set. Nodes without <see cref="IDavAccessControlled"/> grant the
/// full aggregate set spelled out, because clients (Thunderbird, iOS) look for write-content and
/// bind by name before they offer editing.
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-5.4"/>
/// </summary>
public sealed class CurrentUserPrivilegeSetProperty : IDavLiveProperty
{
    private static readonly XName[] FullAccess =
    [
        DavNames.All, DavNames.Read, DavNames.Write, DavNames.WriteProperties, DavNames.WriteContent,
        DavNames.Bind, DavNames.Unbind, DavNames.ReadCurrentUserPrivilegeSet,
    ];

    public XName Name => DavNames.CurrentUserPrivilegeSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        var privileges = context.Node is IDavAccessControlled controlled
            ? controlled.GetCurrentUserPrivileges(context.Request.PrincipalHref)
            : FullAccess;
        return ValueTask.FromResult<XElement?>(new XElement(Name,
            privileges.Select(p => new XElement(DavNames.Privilege, new XElement(p)))));
    }
}
