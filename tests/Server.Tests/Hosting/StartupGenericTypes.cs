using System.Diagnostics.Tracing;
using System.Reflection;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace AuroraTime.Server.Tests.Hosting;

/// <summary>
/// The closed generic types (and the arrays behind IEnumerable&lt;T&gt;) that dependency injection makes with
/// MakeGenericType while the server starts, in the names ILC's rd.xml uses. Native AOT has to build such
/// types at run time unless src/Server/Hosting/StartupGenerics.rd.xml lists them (bench/coldstart/README.md).
/// Recorded from the DI event source: its ServiceProviderBuilt/CallSiteBuilt events carry every
/// registration and resolved call site as JSON with serviceType/implementationType/itemType names.
/// </summary>
internal sealed partial class StartupGenericTypes : EventListener
{
    private const string SourceName = "Microsoft-Extensions-DependencyInjection";
    private const string EnumerablePrefix = "System.Collections.Generic.IEnumerable`1[";

    /// <summary>The file's order: by assembly, then type name (invariant culture, as the file has always been sorted).</summary>
    private static readonly Comparer<(string Assembly, string Name)> FileOrder = Comparer<(string Assembly, string Name)>.Create((a, b) =>
        StringComparer.InvariantCulture.Compare(a.Assembly, b.Assembly) is var byAssembly and not 0 ? byAssembly : StringComparer.InvariantCulture.Compare(a.Name, b.Name));

    private readonly object _gate = new();
    private readonly List<(int Provider, string Json)> _payloads = [];
    private readonly Dictionary<(int Provider, string Event), StringBuilder> _chunks = [];

    /// <summary>Type names in the events of one service provider (others' come from tests running in parallel).</summary>
    public IReadOnlySet<string> NamesOf(IServiceProvider provider)
    {
        var hash = provider.GetHashCode();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (owner, json) in _payloads.Where(p => p.Provider == hash))
            {
                foreach (Match match in TypeField().Matches(json))
                {
                    names.Add(match.Groups[1].Value);
                }
            }
        }
        return names;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.PayloadNames is not { } names || eventData.Payload is not { } values)
        {
            return;
        }
        var fields = names.Zip(values).ToDictionary(pair => pair.First, pair => pair.Second);
        if (fields.GetValueOrDefault("serviceProviderHashCode") is not int provider)
        {
            return;
        }
        lock (_gate)
        {
            var text = string.Join("\n", fields.Values.OfType<string>());
            // A large call site arrives in chunks (chunkIndex of chunkCount) that may split a name: join them first.
            // Kept per provider and event: other tests' providers write theirs at the same time.
            if (fields.GetValueOrDefault("chunkCount") is int count && count > 1 && fields.GetValueOrDefault("chunkIndex") is int index)
            {
                var key = (provider, eventData.EventName ?? "");
                var joined = _chunks.TryGetValue(key, out var builder) ? builder : _chunks[key] = new StringBuilder();
                joined.Append(string.Concat(fields.Where(f => f.Key != "serviceType").Select(f => f.Value).OfType<string>()));
                if (index < count - 1)
                {
                    return;
                }
                text = joined.ToString();
                _chunks.Remove(key);
            }
            _payloads.Add((provider, text));
        }
    }

    /// <summary>
    /// ILC names (by assembly) of the closed generic types and arrays among <paramref name="names"/>, resolved
    /// against the loaded assemblies; names that do not resolve are returned in <paramref name="unresolved"/>.
    /// </summary>
    public static SortedSet<(string Assembly, string Name)> ClosedTypes(IEnumerable<string> names, out List<string> unresolved)
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic).ToArray();
        var wanted = new SortedSet<(string, string)>(FileOrder);
        unresolved = [];
        foreach (var line in names)
        {
            // DI resolves IEnumerable<T> as a T[]: the array type is built too.
            string[] candidates = line.StartsWith(EnumerablePrefix, StringComparison.Ordinal)
                ? [line, line[EnumerablePrefix.Length..^1] + "[]"]
                : [line];
            foreach (var name in candidates.Where(n => n.Contains('[', StringComparison.Ordinal)))
            {
                switch (Parse(name, assemblies))
                {
                    case { ContainsGenericParameters: false } type:
                        wanted.Add((AssemblyOf(type), IlcName(type)));
                        break;
                    case null:
                        unresolved.Add(name);
                        break;
                    default:
                        break; // an open registration (IOptions`1[TOptions]): nothing to compile
                }
            }
        }
        return wanted;
    }

    /// <summary>The rd.xml the server's Native AOT publish uses, as (assembly, type name) pairs.</summary>
    public static SortedSet<(string Assembly, string Name)> Listed(string rdXml)
    {
        var listed = new SortedSet<(string, string)>(FileOrder);
        var document = System.Xml.Linq.XDocument.Parse(File.ReadAllText(rdXml)); // no DTD processing in XDocument.Parse
        foreach (var assembly in document.Descendants().Where(e => e.Name.LocalName == "Assembly"))
        {
            foreach (var type in assembly.Elements().Where(e => e.Name.LocalName == "Type"))
            {
                listed.Add(((string)assembly.Attribute("Name")!, (string)type.Attribute("Name")!));
            }
        }
        return listed;
    }

    /// <summary>The rd.xml text for <paramref name="types"/>, as startup-generics.sh writes it.</summary>
    public static string RdXml(IEnumerable<(string Assembly, string Name)> types)
    {
        var text = new StringBuilder();
        text.Append("""
            <!--
             Generated by bench/coldstart/startup-generics.sh; do not edit by hand. The closed generic types (and the
             arrays behind IEnumerable<T>) that dependency injection makes with MakeGenericType while `aurora serve`
             starts and answers /healthz. Native AOT builds such types at run time from templates (its type loader),
             which was a third of start-up CPU (bench/coldstart/README.md); listed here, ILC compiles them ahead of
             time. A type missing from the list still works, only slower. Regenerate after changing services.
            -->
            <Directives xmlns="http://schemas.microsoft.com/netfx/2013/01/metadata">
              <Application>

            """);
        foreach (var assembly in types.GroupBy(t => t.Assembly))
        {
            text.Append($"    <Assembly Name=\"{assembly.Key}\">\n");
            foreach (var (_, name) in assembly)
            {
                text.Append($"      <Type Name=\"{SecurityElement.Escape(name)}\" Dynamic=\"Required All\" />\n");
            }
            text.Append("    </Assembly>\n");
        }
        text.Append("  </Application>\n</Directives>\n");
        return text.ToString();
    }

    private static Type? Parse(string name, Assembly[] assemblies)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            return Parse(name[..^2], assemblies)?.MakeArrayType();
        }
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return Find(name, assemblies);
        }
        var arguments = SplitArguments(name[(open + 1)..^1]).Select(a => Parse(a, assemblies)).ToArray();
        return Find(name[..open], assemblies) is { } definition && arguments.All(a => a is not null)
            ? definition.MakeGenericType(arguments!)
            : null;
    }

    /// <summary>
    /// Some assemblies carry internal copies of another's types (Microsoft.AspNetCore.Components has its own
    /// Microsoft.AspNetCore.Routing.RouteOptions): prefer a public type, then the assembly named after the namespace.
    /// </summary>
    private static Type? Find(string name, Assembly[] assemblies) =>
        assemblies
            .Select(a => { try { return a.GetType(name); } catch (Exception e) when (e is FileLoadException or BadImageFormatException) { return null; } })
            .OfType<Type>().Distinct()
            .OrderByDescending(t => t.IsVisible)
            .ThenByDescending(t => name.StartsWith(t.Assembly.GetName().Name + ".", StringComparison.Ordinal) ? t.Assembly.GetName().Name!.Length : 0)
            .FirstOrDefault();

    /// <summary>Splits "B,C`1[D]" at the commas of its own level.</summary>
    private static List<string> SplitArguments(string inner)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (var k = 0; k < inner.Length; k++)
        {
            switch (inner[k])
            {
                case '[': depth++; break;
                case ']': depth--; break;
                case ',' when depth == 0: parts.Add(inner[start..k]); start = k + 1; break;
            }
        }
        parts.Add(inner[start..]);
        return parts;
    }

    /// <summary>ILC's custom-attribute type name: generic arguments qualified with their assembly's simple name.</summary>
    private static string IlcName(Type type)
    {
        if (type.IsArray)
        {
            return IlcName(type.GetElementType()!) + "[]";
        }
        if (!type.IsGenericType)
        {
            return type.FullName!;
        }
        var arguments = type.GetGenericArguments().Select(a => $"[{IlcName(a)}, {a.Assembly.GetName().Name}]");
        return $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", arguments)}]";
    }

    private static string AssemblyOf(Type type) => type.IsArray ? AssemblyOf(type.GetElementType()!) : type.Assembly.GetName().Name!;

    [GeneratedRegex("\"(?:implementationType|serviceType|itemType)\": \"([^\"]*)\"")]
    private static partial Regex TypeField();
}
