using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:getcontenttype: the Content-Type GET returns.
/// <see href="https://www.rfc-editor.org/rfc/rfc4918#section-15.5"/>
/// </summary>
public sealed class GetContentTypeProperty : IDavLiveProperty
{
    public XName Name => DavNames.GetContentType;

    public bool IsInAllprop => true;

    public bool AppliesTo(IDavNode node) => node is IDavFile;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node is IDavFile file ? new XElement(Name, file.ContentType) : null);
}
