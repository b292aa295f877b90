using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:displayname, a text value that clients set; kept in the node's property store.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.2"/>
/// </summary>
public sealed class DisplayNameProperty : IDavWritableLiveProperty
{
    public XName Name => DavNames.DisplayName;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => node is IDavPropertyStore;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        StoredPropertyReader.GetAsync(context.Node, Name, context.Request.Aborted);

    /// <summary>RFC 4918 15.2: the value is text; markup inside it is refused with 409.</summary>
    public XElement Validate(XElement value, IDavNode? node) =>
        value.HasElements
            ? throw new DavException(409, null, "DAV:displayname must be text, not markup.")
            : new XElement(Name, value.Value);
}
