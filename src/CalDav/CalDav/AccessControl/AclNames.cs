using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav.AccessControl;

/// <summary>The RFC 3744 elements this module reads and writes (all in the DAV: namespace).</summary>
internal static class AclNames
{
    private static readonly XNamespace Dav = DavNames.Dav;

    // RFC 3744 section 5.5: DAV:acl and its ACEs.
    public static readonly XName Acl = Dav + "acl";
    public static readonly XName Ace = Dav + "ace";
    public static readonly XName Principal = Dav + "principal";
    public static readonly XName Grant = Dav + "grant";
    public static readonly XName Deny = Dav + "deny";
    public static readonly XName Invert = Dav + "invert";
    public static readonly XName Protected = Dav + "protected";

    // RFC 3744 sections 5.3 and 5.6.
    public static readonly XName SupportedPrivilegeSet = Dav + "supported-privilege-set";
    public static readonly XName SupportedPrivilege = Dav + "supported-privilege";
    public static readonly XName Description = Dav + "description";
    public static readonly XName AclRestrictions = Dav + "acl-restrictions";
    public static readonly XName GrantOnly = Dav + "grant-only";
    public static readonly XName NoInvert = Dav + "no-invert";

    // RFC 3744 section 3: privileges beyond those the core names.
    public static readonly XName ReadAcl = Dav + "read-acl";
    public static readonly XName WriteAcl = Dav + "write-acl";

    // RFC 3744 section 8.1.1: ACL method preconditions.
    public static readonly XName NotSupportedPrivilege = Dav + "not-supported-privilege";
    public static readonly XName LimitedNumberOfAces = Dav + "limited-number-of-aces";
}
