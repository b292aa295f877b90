using System.Text;
using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.CalDav.Properties;

/// <summary>
/// CALDAV:calendar-data asked for by name (PROPFIND, or a REPORT without selection): the whole
/// object. REPORTs with a calendar-data selection are answered by <see cref="Reports.CalendarDataSelector"/>.
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-9.6"/>
/// </summary>
internal sealed class CalendarDataProperty : IDavLiveProperty
{
    public XName Name => CalDavNames.CalendarData;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is StoreObjectNode { IsCalendarObject: true };

    public async ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        if (context.Node is not StoreObjectNode { IsCalendarObject: true } node)
        {
            return null;
        }
        var data = await node.GetDataAsync(context.Request.Aborted);
        return new XElement(Name, Encoding.UTF8.GetString(data.Span));
    }
}
