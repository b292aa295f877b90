using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.CalDav.AccessControl;

/// <summary>
/// DAV:acl, a read-only view of the fixed ACE (see <see cref="FixedAcl"/>).
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-5.5"/>
/// </summary>
internal sealed class AclProperty : IDavLiveProperty
{
    public XName Name => AclNames.Acl;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(FixedAcl.Ace(context.Node, context.Request.PrincipalHref) is { } ace ? new XElement(Name, ace) : null);
}

/// <summary>
/// DAV:supported-privilege-set: the privileges the server knows, with their aggregation.
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-5.3"/>
/// </summary>
internal sealed class SupportedPrivilegeSetProperty : IDavLiveProperty
{
    public XName Name => AclNames.SupportedPrivilegeSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(new XElement(Name, new XElement(FixedAcl.SupportedPrivileges)));
}

/// <summary>
/// DAV:acl-restrictions: only grant ACEs ("DAV:grant-only") and no inverted principals
/// ("DAV:no-invert"), so a client building an ACL knows what the ACL method accepts.
/// <see href="https://www.rfc-editor.org/rfc/rfc3744#section-5.6"/>
/// </summary>
internal sealed class AclRestrictionsProperty : IDavLiveProperty
{
    public XName Name => AclNames.AclRestrictions;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(new XElement(Name, new XElement(AclNames.GrantOnly), new XElement(AclNames.NoInvert)));
}
