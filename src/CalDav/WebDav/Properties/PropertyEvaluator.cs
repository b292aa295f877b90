using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// Answers a <see cref="PropertyRequest"/> for one node: live properties from the registry (each
/// evaluated only if asked for), dead ones from the node's <see cref="IDavPropertyStore"/>.
/// Unknown properties give 404 propstats, never a failed request (INTEROP.md).
/// </summary>
public static class PropertyEvaluator
{
    // ValueTask, and no LINQ on the named path: a PROPFIND Depth 1 or a REPORT evaluates once per member,
    // and the Task, closure and enumerator allocations per member were a visible share of its GC work.
    public static ValueTask<List<PropertyResult>> EvaluateAsync(DavRequest request, IDavNode node, PropertyRequest what) =>
        what.Kind == PropertyRequestKind.Named && TextOnly(request, node, what) is { } texts
            ? ValueTask.FromResult(texts)
            : EvaluateAnyAsync(request, node, what);

    /// <summary>
    /// The common case of a PROPFIND Depth 1 or a REPORT (getetag, getcontenttype, ...): every name is a
    /// live text property or does not apply to the node, so the answer is found without an async step.
    /// Null when any name needs more (a dead or element-valued property); then nothing was evaluated.
    /// </summary>
    private static List<PropertyResult>? TextOnly(DavRequest request, IDavNode node, PropertyRequest what)
    {
        var live = request.Server.Properties;
        var names = what.Names;
        for (var i = 0; i < names.Count; i++)
        {
            if (!live.TryGetValue(names[i], out var property) || (property is not IDavTextProperty && property.AppliesTo(node)))
            {
                return null;
            }
        }
        var results = new List<PropertyResult>(names.Count + 1);
        var context = new DavPropertyContext(request, node);
        for (var i = 0; i < names.Count; i++)
        {
            var property = live[names[i]];
            results.Add(property.AppliesTo(node) ? GetText((IDavTextProperty)property, context) : new PropertyResult(names[i], 404));
        }
        return results;
    }

    private static async ValueTask<List<PropertyResult>> EvaluateAnyAsync(DavRequest request, IDavNode node, PropertyRequest what)
    {
        var results = new List<PropertyResult>(what.Names.Count + 1);
        var live = request.Server.Properties;
        // Stored properties cost a store read per node; skip it when only live ones are asked for.
        var needsStored = what.Kind != PropertyRequestKind.Named || !AllLive(what.Names, live);
        var stored = needsStored && node is IDavPropertyStore store
            ? await store.GetStoredPropertiesAsync(request.Aborted)
            : [];
        var context = new DavPropertyContext(request, node);

        return what.Kind switch
        {
            PropertyRequestKind.NamesOnly => NamesOnly(results, live, node, stored),
            PropertyRequestKind.All => await AllAsync(results, live, context, what, stored),
            _ => await NamedAsync(results, context, what, stored),
        };
    }

    private static List<PropertyResult> NamesOnly(List<PropertyResult> results, IReadOnlyDictionary<XName, IDavLiveProperty> live, IDavNode node, IReadOnlyList<XElement> stored)
    {
        foreach (var property in live.Values.Where(p => p.AppliesTo(node)))
        {
            results.Add(new PropertyResult(property.Name, 200, new XElement(property.Name)));
        }
        foreach (var element in stored.Where(e => !live.ContainsKey(e.Name)))
        {
            results.Add(new PropertyResult(element.Name, 200, new XElement(element.Name)));
        }
        return results;
    }

    private static async ValueTask<List<PropertyResult>> AllAsync(
        List<PropertyResult> results, IReadOnlyDictionary<XName, IDavLiveProperty> live, DavPropertyContext context, PropertyRequest what, IReadOnlyList<XElement> stored)
    {
        foreach (var property in live.Values.Where(p => p.IsInAllprop && p.AppliesTo(context.Node)))
        {
            var result = await GetLiveAsync(property, context);
            if (result.Status == 200)
            {
                results.Add(result);
            }
        }
        foreach (var element in stored.Where(e => !live.ContainsKey(e.Name)))
        {
            results.Add(PropertyResult.Found(element));
        }
        foreach (var name in what.Names.Where(n => results.All(r => r.Name != n)))
        {
            results.Add(await GetOneAsync(name, context, stored));
        }
        return results;
    }

    private static async ValueTask<List<PropertyResult>> NamedAsync(List<PropertyResult> results, DavPropertyContext context, PropertyRequest what, IReadOnlyList<XElement> stored)
    {
        for (var i = 0; i < what.Names.Count; i++)
        {
            results.Add(await GetOneAsync(what.Names[i], context, stored));
        }
        return results;
    }

    private static bool AllLive(IReadOnlyList<XName> names, IReadOnlyDictionary<XName, IDavLiveProperty> live)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!live.ContainsKey(names[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static async ValueTask<PropertyResult> GetOneAsync(XName name, DavPropertyContext context, IReadOnlyList<XElement> stored)
    {
        if (context.Request.Server.Properties.TryGetValue(name, out var property))
        {
            return property.AppliesTo(context.Node)
                ? await GetLiveAsync(property, context)
                : new PropertyResult(name, 404);
        }
        var value = FindStored(stored, name);
        return value is null ? new PropertyResult(name, 404) : PropertyResult.Found(value);
    }

    private static async ValueTask<PropertyResult> GetLiveAsync(IDavLiveProperty property, DavPropertyContext context)
    {
        try
        {
            if (property is IDavTextProperty textProperty)
            {
                return GetText(textProperty, context);
            }
            var value = await property.GetAsync(context);
            return value is null ? new PropertyResult(property.Name, 404) : PropertyResult.Found(value);
        }
        catch (DavException e)
        {
            return new PropertyResult(property.Name, e.Status, Error: e.Precondition);
        }
    }

    /// <summary>No element per member: the writer puts the text between pre-encoded tags.</summary>
    private static PropertyResult GetText(IDavTextProperty property, DavPropertyContext context)
    {
        try
        {
            return property.GetText(context) is { } text ? PropertyResult.FoundText(property.Name, text) : new PropertyResult(property.Name, 404);
        }
        catch (DavException e)
        {
            return new PropertyResult(property.Name, e.Status, Error: e.Precondition);
        }
    }

    private static XElement? FindStored(IReadOnlyList<XElement> stored, XName name)
    {
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].Name == name)
            {
                return stored[i];
            }
        }
        return null;
    }
}
