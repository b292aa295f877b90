using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:sync-token of a collection that tracks changes.
/// <see href="https://www.rfc-editor.org/rfc/rfc6578#section-4"/>
/// </summary>
public sealed class SyncTokenProperty : IDavTextProperty
{
    public XName Name => DavNames.SyncToken;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is IDavSyncTokenSource;

    public string? GetText(DavPropertyContext context) => (context.Node as IDavSyncTokenSource)?.SyncToken;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) => this.GetElement(context);
}
