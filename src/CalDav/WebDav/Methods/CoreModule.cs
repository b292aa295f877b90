using AuroraTime.CalDav.WebDav.Properties;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// RFC 4918 class 1 and 3 behaviour, extended MKCOL (RFC 5689) and the standard live properties.
/// No LOCK/UNLOCK, so class 2 is not advertised (RFC 4918 section 18.2).
/// </summary>
public sealed class CoreModule : IDavModule
{
    public void Register(DavModuleBuilder builder)
    {
        builder
            .AddComplianceClass("1")
            .AddComplianceClass("3")
            .AddComplianceClass("extended-mkcol")
            .AddMethod("OPTIONS", new OptionsMethod())
            .AddMethod("GET", new GetMethod())
            .AddMethod("HEAD", new GetMethod())
            .AddMethod("PUT", new PutMethod())
            .AddMethod("DELETE", new DeleteMethod())
            .AddMethod("MKCOL", new MkcolMethod())
            .AddMethod("PROPFIND", new PropfindMethod())
            .AddMethod("PROPPATCH", new ProppatchMethod())
            .AddMethod("COPY", new CopyMoveMethod(isMove: false))
            .AddMethod("MOVE", new CopyMoveMethod(isMove: true))
            .AddMethod("REPORT", new ReportMethod())
            .AddProperty(new ResourceTypeProperty())
            .AddProperty(new DisplayNameProperty())
            .AddProperty(new GetETagProperty())
            .AddProperty(new GetContentTypeProperty())
            .AddProperty(new GetContentLengthProperty())
            .AddProperty(new GetLastModifiedProperty())
            .AddProperty(new CreationDateProperty())
            .AddProperty(new CurrentUserPrincipalProperty())
            .AddProperty(new CurrentUserPrivilegeSetProperty())
            .AddProperty(new OwnerProperty())
            .AddProperty(new SupportedReportSetProperty())
            .AddProperty(new SyncTokenProperty())
            .AddProperty(new QuotaAvailableBytesProperty())
            .AddProperty(new QuotaUsedBytesProperty());
    }
}
