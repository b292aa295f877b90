using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav.AccessControl;

/// <summary>
/// The access model, which clients cannot change: each user sees only their own tree (other users'
/// resources are 404), the owner holds every privilege there except on server-made resources
/// (principals, read only), and nobody else holds any. So every resource has exactly one ACE, and
/// it is protected (RFC 3744 section 5.5.1).
/// </summary>
internal static class FixedAcl
{
    /// <summary>The privileges of RFC 3744 section 3 that this server knows, as an aggregation tree.</summary>
    public static readonly XElement SupportedPrivileges =
        Privilege(DavNames.All, "Any operation", isAbstract: false,
            Privilege(DavNames.Read, "Read any object", isAbstract: false),
            Privilege(DavNames.Write, "Write any object", isAbstract: false,
                Privilege(DavNames.WriteProperties, "Write properties", isAbstract: false),
                Privilege(DavNames.WriteContent, "Write resource content", isAbstract: false),
                Privilege(DavNames.Bind, "Add new members to a collection", isAbstract: false),
                Privilege(DavNames.Unbind, "Remove members from a collection", isAbstract: false)),
            Privilege(AclNames.ReadAcl, "Read the access control list", isAbstract: false),
            Privilege(DavNames.ReadCurrentUserPrivilegeSet, "Read the current user's privileges", isAbstract: false),
            Privilege(AclNames.WriteAcl, "Write the access control list (no ACE can be added)", isAbstract: false));

    private static readonly HashSet<XName> Known = [.. SupportedPrivileges.Descendants(DavNames.Privilege).SelectMany(p => p.Elements()).Select(e => e.Name)];

    public static bool IsSupported(XName privilege) => Known.Contains(privilege);

    /// <summary>The single ACE of <paramref name="node"/>: its owner and what the owner may do.</summary>
    public static XElement? Ace(IDavNode node, string? requestPrincipalHref)
    {
        // Nodes without an owner (the root and the fixed containers) belong to whoever is signed in:
        // each user is served their own tree.
        var owner = (node as IDavOwned)?.OwnerHref ?? requestPrincipalHref;
        if (owner is null)
        {
            return null;
        }
        IReadOnlyList<XName> granted = node is IDavAccessControlled controlled ? controlled.GetCurrentUserPrivileges(owner) : [DavNames.All];
        return new XElement(AclNames.Ace,
            new XElement(AclNames.Principal, new XElement(DavNames.Href, owner)),
            new XElement(AclNames.Grant, granted.Select(p => new XElement(DavNames.Privilege, new XElement(p)))),
            new XElement(AclNames.Protected));
    }

    private static XElement Privilege(XName name, string description, bool isAbstract, params XElement[] children) =>
        new(AclNames.SupportedPrivilege,
            new XElement(DavNames.Privilege, new XElement(name)),
            isAbstract ? new XElement(Dav("abstract")) : null,
            new XElement(AclNames.Description, new XAttribute(XNamespace.Xml + "lang", "en"), description),
            children);

    private static XName Dav(string local) => DavNames.Dav + local;
}
