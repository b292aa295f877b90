using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav.Properties;

/// <summary>
/// DAV:quota-used-bytes of a stored collection: the octets of its members, summed from the
/// store's listing (sizes only, no bodies). Replaces the core's synchronous IDavQuota version.
/// <see href="https://www.rfc-editor.org/rfc/rfc4331#section-4"/>
/// </summary>
internal sealed class CollectionQuotaUsedProperty(CalDavService service) : IDavLiveProperty
{
    public XName Name => DavNames.QuotaUsedBytes;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode;

    public async ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        if (context.Node is not StoreCollectionNode collection)
        {
            return null;
        }
        return new XElement(Name, (await UsedBytesAsync(service, collection.Stored.Ref, context.Request.Aborted)).ToString(CultureInfo.InvariantCulture));
    }

    internal static async Task<long> UsedBytesAsync(CalDavService service, CollectionRef collection, CancellationToken cancellationToken)
    {
        long used = 0;
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await service.Store.ListObjectsAsync(collection, page, cancellationToken);
            used += result.Items.Sum(o => o.Size);
            page = result.NextRequest(PageRequest.MaxLimit);
        }
        return used;
    }
}

/// <summary>
/// DAV:quota-available-bytes: reported only when the host set <see cref="CalDavOptions.CollectionQuotaBytes"/>;
/// RFC 4331 section 3 lets a server without a quota leave it out (404 propstat).
/// <see href="https://www.rfc-editor.org/rfc/rfc4331#section-3"/>
/// </summary>
internal sealed class CollectionQuotaAvailableProperty(CalDavService service) : IDavLiveProperty
{
    public XName Name => DavNames.QuotaAvailableBytes;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode;

    public async ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        if (context.Node is not StoreCollectionNode collection || service.Options.CollectionQuotaBytes is not { } quota)
        {
            return null;
        }
        var used = await CollectionQuotaUsedProperty.UsedBytesAsync(service, collection.Stored.Ref, context.Request.Aborted);
        return new XElement(Name, Math.Max(0, quota - used).ToString(CultureInfo.InvariantCulture));
    }
}
