using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav.AccessControl;

/// <summary>
/// The ACL method (RFC 3744 section 8.1). A request replaces a resource's non-protected ACEs; here
/// every ACE is protected and none can be added, so the only request that can succeed is an empty
/// DAV:acl (it replaces nothing with nothing: 200). Any ACE is refused with the section 8.1.1
/// precondition it breaks, checked in the order a client can act on: what it may never send
/// (DAV:no-invert, DAV:grant-only, as DAV:acl-restrictions announces; DAV:not-supported-privilege),
/// then DAV:limited-number-of-aces, "the number of ACEs submitted in the ACL request MUST NOT
/// exceed the number of ACEs allowed on that resource", which is zero beyond the protected one.
/// </summary>
internal sealed class AclMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var node = await request.GetExistingTargetAsync();
        await request.CheckPreconditionsAsync(node);
        var body = await request.ReadXmlAsync();
        if (body?.Root is not { } root || root.Name != AclNames.Acl)
        {
            throw new DavException(400, null, "The ACL method needs a DAV:acl body (RFC 3744 section 8.1).");
        }
        var aces = root.Elements(AclNames.Ace).ToList();
        foreach (var ace in aces)
        {
            if (ace.Element(AclNames.Invert) is not null)
            {
                throw new DavException(403, AclNames.NoInvert, "Inverted principals are not supported.");
            }
            if (ace.Element(AclNames.Deny) is not null)
            {
                throw new DavException(403, AclNames.GrantOnly, "Only grant ACEs are supported.");
            }
            var privileges = ace.Element(AclNames.Grant)?.Elements(DavNames.Privilege).SelectMany(p => p.Elements()) ?? [];
            if (privileges.FirstOrDefault(p => !FixedAcl.IsSupported(p.Name)) is { } unknown)
            {
                throw new DavException(403, AclNames.NotSupportedPrivilege, $"{unknown.Name} is not a supported privilege.");
            }
        }
        if (aces.Count > 0)
        {
            throw new DavException(403, AclNames.LimitedNumberOfAces, "Access is fixed: the owner has all privileges and nobody else any; no ACE can be added.");
        }
        request.Http.Response.StatusCode = 200;
    }
}
