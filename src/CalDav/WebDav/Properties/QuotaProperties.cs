using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:quota-available-bytes.
/// <see href="https://www.rfc-editor.org/rfc/rfc4331#section-3"/>
/// </summary>
public sealed class QuotaAvailableBytesProperty : IDavLiveProperty
{
    public XName Name => DavNames.QuotaAvailableBytes;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is IDavQuota;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node is IDavQuota { QuotaAvailableBytes: { } bytes }
            ? new XElement(Name, bytes.ToString(CultureInfo.InvariantCulture))
            : null);
}

/// <summary>
/// DAV:quota-used-bytes.
/// <see href="https://www.rfc-editor.org/rfc/rfc4331#section-4"/>
/// </summary>
public sealed class QuotaUsedBytesProperty : IDavLiveProperty
{
    public XName Name => DavNames.QuotaUsedBytes;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is IDavQuota;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node is IDavQuota { QuotaUsedBytes: { } bytes }
            ? new XElement(Name, bytes.ToString(CultureInfo.InvariantCulture))
            : null);
}
