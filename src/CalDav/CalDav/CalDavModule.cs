using AuroraTime.CalDav.CalDav.AccessControl;
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
            // RFC 3744 section 7.2: "access-control" means the ACL method and the ACL properties are
            // supported; ours are a read-only view of fixed ACEs (AccessControl/FixedAcl.cs).
            .AddComplianceClass("access-control")
            .AddComplianceClass("calendar-access")
            .AddMethod("ACL", new AclMethod())
            .AddProperty(new AclProperty())
            .AddProperty(new SupportedPrivilegeSetProperty())
            .AddProperty(new AclRestrictionsProperty())
            .AddMethod("MKCALENDAR", new MkcalendarMethod())
            .AddMethod("COPY", new StoreCopyMoveMethod(service, new WebDav.Methods.CopyMoveMethod(isMove: false), isMove: false))
            .AddMethod("MOVE", new StoreCopyMoveMethod(service, new WebDav.Methods.CopyMoveMethod(isMove: true), isMove: true))
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
