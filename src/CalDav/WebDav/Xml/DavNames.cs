using System.Xml.Linq;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>
/// Precomputed XML names of the protocols the server speaks. Code compares these names, never
/// prefixes: a client may bind DAV: to any prefix or to the default namespace.
/// </summary>
public static class DavNames
{
    public static readonly XNamespace Dav = "DAV:";
    public static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";
    public static readonly XNamespace CalendarServer = "http://calendarserver.org/ns/";
    public static readonly XNamespace AppleIcal = "http://apple.com/ns/ical/";

    /// <summary>Prefixes always declared on the root of every response document.</summary>
    public static readonly IReadOnlyList<(string Prefix, XNamespace Namespace)> ResponsePrefixes =
    [
        ("D", Dav), ("C", CalDav), ("CS", CalendarServer), ("ICAL", AppleIcal),
    ];

    // RFC 4918 section 14: request and response elements.
    public static readonly XName Multistatus = Dav + "multistatus";
    public static readonly XName Response = Dav + "response";
    public static readonly XName Href = Dav + "href";
    public static readonly XName Propstat = Dav + "propstat";
    public static readonly XName Prop = Dav + "prop";
    public static readonly XName Status = Dav + "status";
    public static readonly XName Error = Dav + "error";
    public static readonly XName ResponseDescription = Dav + "responsedescription";
    public static readonly XName Propfind = Dav + "propfind";
    public static readonly XName Allprop = Dav + "allprop";
    public static readonly XName Include = Dav + "include";
    public static readonly XName Propname = Dav + "propname";
    public static readonly XName PropertyUpdate = Dav + "propertyupdate";
    public static readonly XName Set = Dav + "set";
    public static readonly XName Remove = Dav + "remove";
    public static readonly XName Collection = Dav + "collection";

    // RFC 5689: extended MKCOL.
    public static readonly XName Mkcol = Dav + "mkcol";
    public static readonly XName MkcolResponse = Dav + "mkcol-response";

    // RFC 4918 section 15: properties.
    public static readonly XName ResourceType = Dav + "resourcetype";
    public static readonly XName DisplayName = Dav + "displayname";
    public static readonly XName GetETag = Dav + "getetag";
    public static readonly XName GetContentType = Dav + "getcontenttype";
    public static readonly XName GetContentLength = Dav + "getcontentlength";
    public static readonly XName GetLastModified = Dav + "getlastmodified";
    public static readonly XName CreationDate = Dav + "creationdate";
    public static readonly XName GetContentLanguage = Dav + "getcontentlanguage";

    // RFC 5397, RFC 3744: principals and privileges.
    public static readonly XName CurrentUserPrincipal = Dav + "current-user-principal";
    public static readonly XName Unauthenticated = Dav + "unauthenticated";
    public static readonly XName CurrentUserPrivilegeSet = Dav + "current-user-privilege-set";
    public static readonly XName Privilege = Dav + "privilege";
    public static readonly XName Owner = Dav + "owner";
    public static readonly XName All = Dav + "all";
    public static readonly XName Read = Dav + "read";
    public static readonly XName Write = Dav + "write";
    public static readonly XName WriteProperties = Dav + "write-properties";
    public static readonly XName WriteContent = Dav + "write-content";
    public static readonly XName Bind = Dav + "bind";
    public static readonly XName Unbind = Dav + "unbind";
    public static readonly XName ReadCurrentUserPrivilegeSet = Dav + "read-current-user-privilege-set";

    // RFC 3253 section 3.1.5: supported-report-set.
    public static readonly XName SupportedReportSet = Dav + "supported-report-set";
    public static readonly XName SupportedReport = Dav + "supported-report";
    public static readonly XName Report = Dav + "report";

    // RFC 6578 and RFC 4331.
    public static readonly XName SyncToken = Dav + "sync-token";
    public static readonly XName QuotaAvailableBytes = Dav + "quota-available-bytes";
    public static readonly XName QuotaUsedBytes = Dav + "quota-used-bytes";

    // Precondition and postcondition codes used by the core.
    public static readonly XName PropfindFiniteDepth = Dav + "propfind-finite-depth";
    public static readonly XName CannotModifyProtectedProperty = Dav + "cannot-modify-protected-property";
    public static readonly XName ValidResourceType = Dav + "valid-resourcetype";
}
