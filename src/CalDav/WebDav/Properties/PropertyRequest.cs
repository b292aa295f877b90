using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

public enum PropertyRequestKind
{
    /// <summary>DAV:prop: exactly the named properties.</summary>
    Named,

    /// <summary>DAV:allprop: dead properties, RFC 4918 live ones, plus any DAV:include names.</summary>
    All,

    /// <summary>DAV:propname: names only.</summary>
    NamesOnly,
}

/// <summary>
/// Which properties a PROPFIND (RFC 4918 section 9.1) or a REPORT asks for. Reports such as
/// calendar-multiget embed the same DAV:prop / DAV:allprop / DAV:propname choice.
/// </summary>
public sealed record PropertyRequest(PropertyRequestKind Kind, IReadOnlyList<XName> Names)
{
    public static PropertyRequest AllProperties { get; } = new(PropertyRequestKind.All, []);

    /// <summary>Parses a DAV:propfind document; null (empty body) means allprop (RFC 4918 9.1).</summary>
    public static PropertyRequest ParsePropfind(XDocument? document)
    {
        if (document?.Root is not { } root)
        {
            return AllProperties;
        }
        if (root.Name != DavNames.Propfind)
        {
            throw new DavException(400, null, $"Expected DAV:propfind, found {root.Name}.");
        }
        return FromParent(root) ?? throw new DavException(400, null, "DAV:propfind needs prop, allprop or propname.");
    }

    /// <summary>Reads the prop/allprop/propname child of any element, or null when it has none.</summary>
    public static PropertyRequest? FromParent(XElement parent)
    {
        foreach (var child in parent.Elements())
        {
            if (child.Name == DavNames.Prop)
            {
                return new PropertyRequest(PropertyRequestKind.Named, Distinct(child.Elements().Select(e => e.Name)));
            }
            if (child.Name == DavNames.Allprop)
            {
                var include = parent.Element(DavNames.Include);
                return new PropertyRequest(PropertyRequestKind.All, Distinct(include?.Elements().Select(e => e.Name) ?? []));
            }
            if (child.Name == DavNames.Propname)
            {
                return new PropertyRequest(PropertyRequestKind.NamesOnly, []);
            }
        }
        return null;
    }

    private static XName[] Distinct(IEnumerable<XName> names) => [.. names.Distinct()];
}
