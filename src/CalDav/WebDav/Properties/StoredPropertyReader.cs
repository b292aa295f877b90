using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>Reads one stored property, for writable live properties kept in the property store.</summary>
public static class StoredPropertyReader
{
    public static async ValueTask<XElement?> GetAsync(IDavNode node, XName name, CancellationToken cancellationToken)
    {
        if (node is not IDavPropertyStore store)
        {
            return null;
        }
        var stored = await store.GetStoredPropertiesAsync(cancellationToken);
        return stored.FirstOrDefault(e => e.Name == name);
    }
}
