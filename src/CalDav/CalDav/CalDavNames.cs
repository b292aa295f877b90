using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav;

/// <summary>XML names of RFC 4791 (CalDAV), RFC 6578 and the calendarserver/Apple extensions clients use.</summary>
public static class CalDavNames
{
    private static readonly XNamespace C = DavNames.CalDav;
    private static readonly XNamespace CS = DavNames.CalendarServer;
    private static readonly XNamespace Ical = DavNames.AppleIcal;
    private static readonly XNamespace D = DavNames.Dav;

    // RFC 4791 section 4.2 and 5.2: resource types and collection properties.
    public static readonly XName Calendar = C + "calendar";
    public static readonly XName CalendarDescription = C + "calendar-description";
    public static readonly XName CalendarTimezone = C + "calendar-timezone";
    public static readonly XName SupportedCalendarComponentSet = C + "supported-calendar-component-set";
    public static readonly XName SupportedCalendarData = C + "supported-calendar-data";
    public static readonly XName MaxResourceSize = C + "max-resource-size";
    public static readonly XName MinDateTime = C + "min-date-time";
    public static readonly XName MaxDateTime = C + "max-date-time";
    public static readonly XName Comp = C + "comp";
    public static readonly XName CalendarDataType = C + "calendar-data";

    // RFC 4791 section 6.2: principal properties.
    public static readonly XName CalendarHomeSet = C + "calendar-home-set";
    public static readonly XName CalendarUserAddressSet = C + "calendar-user-address-set";

    // RFC 4791 section 5.3.1: MKCALENDAR.
    public static readonly XName Mkcalendar = C + "mkcalendar";
    public static readonly XName MkcalendarResponse = C + "mkcalendar-response";

    // RFC 4791 section 5.3.2.1 and 9: preconditions.
    public static readonly XName ValidCalendarData = C + "valid-calendar-data";
    public static readonly XName ValidCalendarObjectResource = C + "valid-calendar-object-resource";
    public static readonly XName SupportedCalendarComponent = C + "supported-calendar-component";
    public static readonly XName SupportedCalendarDataPrecondition = C + "supported-calendar-data";
    public static readonly XName NoUidConflict = C + "no-uid-conflict";
    public static readonly XName MaxResourceSizePrecondition = C + "max-resource-size";
    public static readonly XName MinDateTimePrecondition = C + "min-date-time";
    public static readonly XName MaxDateTimePrecondition = C + "max-date-time";
    public static readonly XName ValidFilter = C + "valid-filter";
    public static readonly XName SupportedFilter = C + "supported-filter";
    public static readonly XName SupportedCollation = C + "supported-collation";
    public static readonly XName CalendarCollectionLocationOk = C + "calendar-collection-location-ok";

    // RFC 4791 section 9: REPORT bodies.
    public static readonly XName CalendarQuery = C + "calendar-query";
    public static readonly XName CalendarMultiget = C + "calendar-multiget";
    public static readonly XName FreeBusyQuery = C + "free-busy-query";
    public static readonly XName CalendarData = C + "calendar-data";
    public static readonly XName Filter = C + "filter";
    public static readonly XName CompFilter = C + "comp-filter";
    public static readonly XName PropFilter = C + "prop-filter";
    public static readonly XName ParamFilter = C + "param-filter";
    public static readonly XName IsNotDefined = C + "is-not-defined";
    public static readonly XName TextMatch = C + "text-match";
    public static readonly XName TimeRange = C + "time-range";
    public static readonly XName Expand = C + "expand";
    public static readonly XName LimitRecurrenceSet = C + "limit-recurrence-set";
    public static readonly XName LimitFreeBusySet = C + "limit-freebusy-set";
    public static readonly XName AllComp = C + "allcomp";
    public static readonly XName AllProp = C + "allprop";
    public static readonly XName PropSelector = C + "prop";

    // RFC 6578: sync-collection.
    public static readonly XName SyncCollection = D + "sync-collection";
    public static readonly XName SyncLevel = D + "sync-level";
    public static readonly XName Limit = D + "limit";
    public static readonly XName NResults = D + "nresults";
    public static readonly XName ValidSyncToken = D + "valid-sync-token";
    public static readonly XName NumberOfMatchesWithinLimits = D + "number-of-matches-within-limits";

    // RFC 3744 / RFC 5397: principals.
    public static readonly XName Principal = D + "principal";
    public static readonly XName PrincipalUrl = D + "principal-URL";
    public static readonly XName PrincipalCollectionSet = D + "principal-collection-set";
    public static readonly XName ResourceMustBeNull = D + "resource-must-be-null";
    public static readonly XName NeedPrivileges = D + "need-privileges";

    // calendarserver.org and Apple extensions (INTEROP.md).
    public static readonly XName GetCtag = CS + "getctag";
    public static readonly XName CalendarColor = Ical + "calendar-color";
    public static readonly XName CalendarOrder = Ical + "calendar-order";
}
