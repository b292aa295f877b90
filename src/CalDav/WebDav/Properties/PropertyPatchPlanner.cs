using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>The checked form of a PROPPATCH or extended MKCOL property list.</summary>
/// <param name="Changes">What to store, in document order; empty when <see cref="Failed"/>.</param>
/// <param name="Results">Per-property outcome: 200 for all, or the failures plus 424 for the rest.</param>
public sealed record PropertyPatchPlan(IReadOnlyList<DavPropertyChange> Changes, IReadOnlyList<PropertyResult> Results, bool Failed);

/// <summary>
/// Checks each set/remove instruction before anything is written, so a patch is applied all or
/// nothing: RFC 4918 section 9.2, "Instructions MUST either all be executed or none executed."
/// </summary>
public static class PropertyPatchPlanner
{
    /// <param name="node">The existing node, or null for a collection that MKCOL is about to create.</param>
    public static PropertyPatchPlan Plan(DavServer server, IDavNode? node, IReadOnlyList<DavPropertyChange> instructions)
    {
        var changes = new List<DavPropertyChange>();
        var outcomes = new List<(XName Name, DavException? Error)>();
        foreach (var instruction in instructions)
        {
            try
            {
                changes.Add(Check(server, node, instruction));
                outcomes.Add((instruction.Name, null));
            }
            catch (DavException e)
            {
                outcomes.Add((instruction.Name, e));
            }
        }

        var failed = outcomes.Any(o => o.Error is not null);
        var results = new List<PropertyResult>();
        foreach (var (name, error) in outcomes)
        {
            if (results.Any(r => r.Name == name))
            {
                continue;
            }
            results.Add(error is not null
                ? new PropertyResult(name, error.Status, Error: error.Precondition)
                : new PropertyResult(name, failed ? 424 : 200));
        }
        return new PropertyPatchPlan(failed ? [] : changes, results, failed);
    }

    private static DavPropertyChange Check(DavServer server, IDavNode? node, DavPropertyChange instruction)
    {
        if (server.Properties.TryGetValue(instruction.Name, out var live))
        {
            // RFC 4918 9.2.1: "403 (Forbidden): The client, for reasons the server chooses not to
            // specify, cannot alter one of the properties." Protected ones name the precondition.
            if (live is not IDavWritableLiveProperty writable || (node is not null && !writable.AppliesTo(node)))
            {
                throw new DavException(403, DavNames.CannotModifyProtectedProperty, $"{instruction.Name} is protected.");
            }
            return instruction.Value is null
                ? instruction
                : new DavPropertyChange(instruction.Name, writable.Validate(instruction.Value, node));
        }
        if (node is not null and not IDavPropertyStore)
        {
            throw new DavException(403, null, "This resource does not store properties.");
        }
        return instruction;
    }

    /// <summary>Reads DAV:set / DAV:remove children in document order (RFC 4918 section 14.19).</summary>
    public static List<DavPropertyChange> ReadInstructions(XElement parent)
    {
        var instructions = new List<DavPropertyChange>();
        foreach (var operation in parent.Elements())
        {
            var isSet = operation.Name == DavNames.Set;
            if (!isSet && operation.Name != DavNames.Remove)
            {
                continue;
            }
            foreach (var prop in operation.Elements(DavNames.Prop))
            {
                foreach (var property in prop.Elements())
                {
                    instructions.Add(new DavPropertyChange(property.Name, isSet ? Detach(property) : null));
                }
            }
        }
        return instructions;
    }

    /// <summary>
    /// A copy that keeps the prefixed namespace declarations in scope, so QName-valued content stays
    /// resolvable; the default namespace is left out, it would clash with unqualified names.
    /// </summary>
    private static XElement Detach(XElement property)
    {
        var copy = new XElement(property);
        foreach (var attribute in property.Ancestors().SelectMany(a => a.Attributes()).Where(a => a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.Xmlns))
        {
            if (copy.Attribute(attribute.Name) is null)
            {
                copy.Add(new XAttribute(attribute.Name, attribute.Value));
            }
        }
        return copy;
    }
}
