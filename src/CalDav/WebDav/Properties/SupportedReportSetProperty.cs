using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>
/// DAV:supported-report-set: the registered reports that apply here, as elements (a text value
/// crashed BusyCal, INTEROP.md).
/// <see href="https://www.rfc-editor.org/rfc/rfc3253#section-3.1.5"/>
/// </summary>
public sealed class SupportedReportSetProperty : IDavLiveProperty
{
    public XName Name => DavNames.SupportedReportSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => true;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult<XElement?>(new XElement(Name,
            context.Request.Server.Reports.Values
                .Where(r => r.AppliesTo(context.Node))
                .OrderBy(r => r.Name.ToString(), StringComparer.Ordinal)
                .Select(r => new XElement(DavNames.SupportedReport, new XElement(DavNames.Report, new XElement(r.Name))))));
}
