using System.Xml.Linq;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>
/// Writes an <see cref="XElement"/> (a property value) into a response document as UTF-8, under a root
/// that declares <see cref="DavNames.ResponsePrefixes"/>. Element and attribute names keep their
/// namespaces; the prefixes are ours: the root's for its namespaces, otherwise the element's own
/// prefix where it is free, declared on the element that first needs it. Comments are kept;
/// processing instructions are dropped (they carry no property value).
/// </summary>
internal static class XElementUtf8Writer
{
    private static readonly XNamespace XmlNamespace = XNamespace.Xml;

    public static void Write(Utf8XmlOutput output, XElement element) => Write(output, element, new List<(string Prefix, XNamespace Namespace)>());

    private static void Write(Utf8XmlOutput output, XElement element, List<(string Prefix, XNamespace Namespace)> scope)
    {
        var declaredHere = 0;
        var name = QualifiedName(element.Name.Namespace, element.Name.LocalName, element, scope, ref declaredHere);
        output.WriteRaw("<"u8);
        output.WriteRaw(name);
        var attributes = new List<(string Name, string Value)>();
        foreach (var attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration)
            {
                attributes.Add((QualifiedName(attribute.Name.Namespace, attribute.Name.LocalName, element, scope, ref declaredHere), attribute.Value));
            }
        }
        // Declarations this element introduced are the last entries of the scope.
        for (var i = scope.Count - declaredHere; i < scope.Count; i++)
        {
            output.WriteRaw(" xmlns:"u8);
            output.WriteRaw(scope[i].Prefix);
            output.WriteRaw("=\""u8);
            output.WriteAttributeValue(scope[i].Namespace.NamespaceName);
            output.WriteRaw("\""u8);
        }
        foreach (var (attributeName, value) in attributes)
        {
            output.WriteRaw(" "u8);
            output.WriteRaw(attributeName);
            output.WriteRaw("=\""u8);
            output.WriteAttributeValue(value);
            output.WriteRaw("\""u8);
        }
        if (element.IsEmpty)
        {
            output.WriteRaw("/>"u8);
        }
        else
        {
            output.WriteRaw(">"u8);
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XElement child:
                        Write(output, child, scope);
                        break;
                    case XText text: // XCData too: its content written as escaped text means the same
                        output.WriteText(text.Value);
                        break;
                    case XComment comment when !comment.Value.Contains("--", StringComparison.Ordinal) && !comment.Value.EndsWith('-'):
                        output.WriteRaw("<!--"u8);
                        output.WriteRaw(comment.Value);
                        output.WriteRaw("-->"u8);
                        break;
                }
            }
            output.WriteRaw("</"u8);
            output.WriteRaw(name);
            output.WriteRaw(">"u8);
        }
        scope.RemoveRange(scope.Count - declaredHere, declaredHere);
    }

    private static string QualifiedName(XNamespace ns, string localName, XElement element, List<(string Prefix, XNamespace Namespace)> scope, ref int declaredHere)
    {
        if (ns == XNamespace.None)
        {
            return localName; // no default namespace is ever declared, so an unprefixed element is in none
        }
        if (ns == XmlNamespace)
        {
            return "xml:" + localName;
        }
        if (ElementTags.PrefixOf(ns) is { } rootPrefix)
        {
            return rootPrefix + ":" + localName;
        }
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            if (scope[i].Namespace == ns)
            {
                return scope[i].Prefix + ":" + localName;
            }
        }
        var prefix = element.GetPrefixOfNamespace(ns);
        if (prefix is null || !IsFree(prefix, scope))
        {
            prefix = "x" + scope.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var n = scope.Count + 1; !IsFree(prefix, scope); n++)
            {
                prefix = "x" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        scope.Add((prefix, ns));
        declaredHere++;
        return prefix + ":" + localName;
    }

    private static bool IsFree(string prefix, List<(string Prefix, XNamespace Namespace)> scope)
    {
        if (prefix.Length == 0 || prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase) || prefix == "X")
        {
            return false;
        }
        foreach (var (bound, _) in DavNames.ResponsePrefixes)
        {
            if (bound == prefix)
            {
                return false;
            }
        }
        foreach (var (bound, _) in scope)
        {
            if (bound == prefix)
            {
                return false;
            }
        }
        return true;
    }
}
