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
    public static async Task<List<PropertyResult>> EvaluateAsync(DavRequest request, IDavNode node, PropertyRequest what)
    {
        var results = new List<PropertyResult>();
        var live = request.Server.Properties;
        // Stored properties cost a store read per node; skip it when only live ones are asked for.
        var needsStored = what.Kind != PropertyRequestKind.Named || what.Names.Any(n => !live.ContainsKey(n));
        var stored = needsStored && node is IDavPropertyStore store
            ? await store.GetStoredPropertiesAsync(request.Aborted)
            : [];
        var context = new DavPropertyContext(request, node);

        switch (what.Kind)
        {
            case PropertyRequestKind.NamesOnly:
                foreach (var property in live.Values.Where(p => p.AppliesTo(node)))
                {
                    results.Add(new PropertyResult(property.Name, 200, new XElement(property.Name)));
                }
                foreach (var element in stored.Where(e => !live.ContainsKey(e.Name)))
                {
                    results.Add(new PropertyResult(element.Name, 200, new XElement(element.Name)));
                }
                return results;

            case PropertyRequestKind.All:
                foreach (var property in live.Values.Where(p => p.IsInAllprop && p.AppliesTo(node)))
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

            default:
                foreach (var name in what.Names)
                {
                    results.Add(await GetOneAsync(name, context, stored));
                }
                return results;
        }
    }

    private static async Task<PropertyResult> GetOneAsync(XName name, DavPropertyContext context, IReadOnlyList<XElement> stored)
    {
        if (context.Request.Server.Properties.TryGetValue(name, out var property))
        {
            return property.AppliesTo(context.Node)
                ? await GetLiveAsync(property, context)
                : new PropertyResult(name, 404);
        }
        var value = stored.FirstOrDefault(e => e.Name == name);
        return value is null ? new PropertyResult(name, 404) : PropertyResult.Found(value);
    }

    private static async Task<PropertyResult> GetLiveAsync(IDavLiveProperty property, DavPropertyContext context)
    {
        try
        {
            var value = await property.GetAsync(context);
            return value is null ? new PropertyResult(property.Name, 404) : PropertyResult.Found(value);
        }
        catch (DavException e)
        {
            return new PropertyResult(property.Name, e.Status, Error: e.Precondition);
        }
    }
}
