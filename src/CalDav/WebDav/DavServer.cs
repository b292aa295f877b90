using System.Collections.Frozen;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav;

/// <summary>
/// The assembled WebDAV server: options plus everything the modules registered. Immutable once
/// built, shared by all requests.
/// </summary>
public sealed class DavServer
{
    private DavServer(DavOptions options, DavModuleBuilder registry)
    {
        Options = options;
        Methods = registry.Methods.ToFrozenDictionary(StringComparer.Ordinal);
        Reports = registry.Reports.ToFrozenDictionary();
        Properties = registry.Properties.ToFrozenDictionary();
        ResourceTypes = [.. registry.ResourceTypes];
        ComplianceClasses = [.. registry.ComplianceClasses];
        AllowHeader = string.Join(", ", Methods.Keys.Order(StringComparer.Ordinal));
        DavHeader = string.Join(", ", ComplianceClasses);
    }

    /// <summary>Builds a server from the core module followed by <paramref name="modules"/> in order.</summary>
    public static DavServer Create(DavOptions options, params IDavModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(options.TreeResolver, nameof(options.TreeResolver));
        var builder = new DavModuleBuilder();
        new Methods.CoreModule().Register(builder);
        foreach (var module in modules)
        {
            module.Register(builder);
        }
        return new DavServer(options, builder);
    }

    public DavOptions Options { get; }

    public FrozenDictionary<string, IDavMethodHandler> Methods { get; }

    public FrozenDictionary<XName, IDavReport> Reports { get; }

    public FrozenDictionary<XName, IDavLiveProperty> Properties { get; }

    public IReadOnlyList<DavResourceType> ResourceTypes { get; }

    public IReadOnlyList<string> ComplianceClasses { get; }

    /// <summary>Value of the Allow header: every registered method.</summary>
    public string AllowHeader { get; }

    /// <summary>Value of the DAV header of OPTIONS.</summary>
    public string DavHeader { get; }

    /// <summary>The registered resource types that apply to a node, in registration order.</summary>
    public IEnumerable<XName> ResourceTypesOf(IDavNode node) =>
        ResourceTypes.Where(t => t.AppliesTo(node)).Select(t => t.Name);
}
