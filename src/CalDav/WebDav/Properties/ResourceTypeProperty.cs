using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:resourcetype: DAV:collection for collections plus every registered type that applies.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.9"/>
/// </summary>
public sealed class ResourceTypeProperty : IDavLiveProperty
{
    public XName Name => DavNames.ResourceType;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        var value = new XElement(Name);
        if (context.Node is IDavCollection)
        {
            value.Add(new XElement(DavNames.Collection));
        }
        foreach (var type in context.Request.Server.ResourceTypesOf(context.Node))
        {
            value.Add(new XElement(type));
        }
        return ValueTask.FromResult<XElement?>(value);
    }
}
