using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav.Reports;

/// <summary>
/// CALDAV:calendar-multiget (RFC 4791 section 7.9): "the server MUST return ... a DAV:response
/// element for each DAV:href"; missing ones get 404. Hrefs are echoed exactly as the client wrote
/// them, and members of the target calendar are fetched from the store in batches.
/// </summary>
internal sealed class CalendarMultigetReport(CalDavService service) : IDavReport
{
    public XName Name => CalDavNames.CalendarMultiget;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode { IsCalendar: true } or StoreObjectNode { IsCalendarObject: true };

    public async Task HandleAsync(DavRequest request, IDavNode target, XElement body)
    {
        var properties = ReportProperties.Parse(body);
        var hrefs = body.Elements(DavNames.Href).Select(h => h.Value).ToList();
        var batched = new Dictionary<string, StoreObjectNode>(StringComparer.Ordinal);
        if (target is StoreCollectionNode calendar)
        {
            var names = hrefs.Select(h => HrefResolver.Resolve(request, h))
                .Where(p => p is not null && p.Parent is { } parent && parent.Equals(request.Path))
                .Select(p => p!.Last.Name).Where(ResourceNames.IsValidSegment).Distinct().ToList();
            foreach (var chunk in names.Chunk(PageRequest.MaxLimit))
            {
                foreach (var stored in await service.Store.GetObjectsAsync(calendar.Stored.Ref, chunk, request.Aborted))
                {
                    batched[stored.Href] = new StoreObjectNode(service, calendar.Stored, stored.Summary, stored.Data);
                }
            }
        }
        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        foreach (var href in hrefs)
        {
            var path = HrefResolver.Resolve(request, href);
            IDavNode? node = null;
            if (path is not null)
            {
                node = path.Parent is { } parent && parent.Equals(request.Path) && batched.TryGetValue(path.Last.Name, out var fromBatch)
                    ? fromBatch
                    : target is StoreCollectionNode && path.Parent is { } p && p.Equals(request.Path)
                        ? null // asked for in the batch and not there
                        : await request.Tree.GetNodeAsync(path, request.Aborted);
            }
            if (node is null)
            {
                await writer.WriteStatusResponseAsync(href, 404);
                continue;
            }
            await properties.WriteAsync(writer, request, service, href, node);
        }
    }
}
