using AuroraTime.CalDav.CalDav.Methods;
using AuroraTime.CalDav.CalDav.Properties;
using AuroraTime.CalDav.CalDav.Reports;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;

namespace AuroraTime.CalDav.CalDav;

/// <summary>
/// RFC 4791 calendar-access on top of the WebDAV core: MKCALENDAR, calendar-aware PUT, the four
/// REPORTs, principal and calendar properties, and the calendar and principal resource types.
/// </summary>
public sealed class CalDavModule(CalDavService service) : IDavModule
{
    public void Register(DavModuleBuilder builder)
    {
        builder
            // RFC 4791 5.1: "a server MUST include 'calendar-access' as a field in the DAV response header" of OPTIONS.
            // "access-control" is not claimed: the RFC 3744 properties clients read are served, but
            // not the ACL method or DAV:acl that the class stands for (Radicale does the same).
            .AddComplianceClass("calendar-access")
            .AddMethod("MKCALENDAR", new MkcalendarMethod())
            .AddMethod("PUT", new CalendarPutMethod(service, new WebDav.Methods.PutMethod()))
            .AddResourceType(new DavResourceType(CalDavNames.Calendar, n => n is StoreCollectionNode { IsCalendar: true }, CreatableByMkcol: true))
            .AddResourceType(new DavResourceType(CalDavNames.Principal, n => n is PrincipalNode, CreatableByMkcol: false))
            .AddReport(new CalendarQueryReport(service))
            .AddReport(new CalendarMultigetReport(service))
            .AddReport(new SyncCollectionReport(service))
            .AddReport(new FreeBusyQueryReport(service))
            .AddProperty(new CalendarHomeSetProperty())
            .AddProperty(new CalendarUserAddressSetProperty())
            .AddProperty(new PrincipalUrlProperty())
            .AddProperty(new PrincipalCollectionSetProperty())
            .AddProperty(new GetCtagProperty())
            .AddProperty(new SupportedCalendarComponentSetProperty())
            .AddProperty(new SupportedCalendarDataProperty())
            .AddProperty(new MaxResourceSizeProperty(service))
            .AddProperty(new DateTimeLimitProperty(CalDavNames.MinDateTime, () => service.Options.MinDateTime))
            .AddProperty(new DateTimeLimitProperty(CalDavNames.MaxDateTime, () => service.Options.MaxDateTime))
            .AddProperty(new CalendarDescriptionProperty())
            .AddProperty(new CalendarTimezoneProperty())
            .AddProperty(new CalendarColorProperty())
            .AddProperty(new CalendarOrderProperty())
            .AddProperty(new CalendarDataProperty())
            .AddProperty(new CollectionQuotaUsedProperty(service))
            .AddProperty(new CollectionQuotaAvailableProperty(service));
    }
}
