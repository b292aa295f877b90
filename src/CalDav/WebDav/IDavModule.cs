using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav;

/// <summary>
/// A plug-in of the WebDAV core (sabre/dav's ServerPlugin::initialize). The core registers its own
/// RFC 4918 behaviour as <see cref="Methods.CoreModule"/>; CalDAV registers MKCALENDAR, its REPORTs,
/// properties and resource types the same way, so the core never learns about calendars.
/// </summary>
public interface IDavModule
{
    void Register(DavModuleBuilder builder);
}

/// <summary>Handles one HTTP method for every resource under the mount point.</summary>
public interface IDavMethodHandler
{
    Task HandleAsync(DavRequest request);
}

/// <summary>A REPORT (RFC 3253 section 3.6), chosen by the root element of the request body.</summary>
public interface IDavReport
{
    XName Name { get; }

    /// <summary>Whether the report is supported on this resource (listed in DAV:supported-report-set).</summary>
    bool AppliesTo(IDavNode node);

    /// <summary>Answers the report; <paramref name="body"/> is the parsed, safe request document.</summary>
    Task HandleAsync(DavRequest request, IDavNode target, XElement body);
}

/// <summary>A resource type element that appears in DAV:resourcetype of matching nodes.</summary>
/// <param name="Name">The element, e.g. CalDAV's calendar.</param>
/// <param name="AppliesTo">Selects the nodes of this type, usually by a capability interface.</param>
/// <param name="CreatableByMkcol">Whether extended MKCOL (RFC 5689) may create collections of it.</param>
public sealed record DavResourceType(XName Name, Func<IDavNode, bool> AppliesTo, bool CreatableByMkcol);

/// <summary>Collects what modules register; frozen into a <see cref="DavServer"/>.</summary>
public sealed class DavModuleBuilder
{
    internal Dictionary<string, IDavMethodHandler> Methods { get; } = new(StringComparer.Ordinal);
    internal Dictionary<XName, IDavReport> Reports { get; } = [];
    internal Dictionary<XName, Properties.IDavLiveProperty> Properties { get; } = [];
    internal List<DavResourceType> ResourceTypes { get; } = [];
    internal List<string> ComplianceClasses { get; } = [];

    /// <summary>Registers (or replaces) the handler of an HTTP method, e.g. "MKCALENDAR".</summary>
    public DavModuleBuilder AddMethod(string method, IDavMethodHandler handler)
    {
        Methods[method.ToUpperInvariant()] = handler;
        return this;
    }

    public DavModuleBuilder AddReport(IDavReport report)
    {
        Reports[report.Name] = report;
        return this;
    }

    /// <summary>Registers (or replaces) a live property; evaluated only when a client asks for it.</summary>
    public DavModuleBuilder AddProperty(Properties.IDavLiveProperty property)
    {
        Properties[property.Name] = property;
        return this;
    }

    public DavModuleBuilder AddResourceType(DavResourceType resourceType)
    {
        ResourceTypes.Add(resourceType);
        return this;
    }

    /// <summary>Adds a token to the DAV response header of OPTIONS (RFC 4918 section 10.1).</summary>
    public DavModuleBuilder AddComplianceClass(string token)
    {
        if (!ComplianceClasses.Contains(token))
        {
            ComplianceClasses.Add(token);
        }
        return this;
    }
}
