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
        // Each href is resolved once; members of the target calendar are those whose parent is the target.
        var mount = HrefResolver.MountOf(request);
        var paths = hrefs.ConvertAll(h => HrefResolver.Resolve(mount, h));
        var inTarget = paths.ConvertAll(p => p is not null && p.Parent is { } parent && parent.Equals(request.Path));
        var batched = new Dictionary<string, StoreObjectNode>(StringComparer.Ordinal);
        if (target is StoreCollectionNode calendar)
        {
            var names = paths.Where((p, i) => inTarget[i]).Select(p => p!.Last.Name).Where(ResourceNames.IsValidSegment).Distinct().ToList();
            foreach (var chunk in names.Chunk(PageRequest.MaxLimit))
            {
                foreach (var stored in await service.Store.GetObjectsAsync(calendar.Stored.Ref, chunk, request.Aborted))
                {
                    batched[stored.Href] = new StoreObjectNode(service, calendar.Stored, stored.Summary, stored.Data);
                }
            }
        }
        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        for (var i = 0; i < hrefs.Count; i++)
        {
            var href = hrefs[i];
            var path = paths[i];
            IDavNode? node = null;
            if (path is not null)
            {
                node = inTarget[i] && batched.TryGetValue(path.Last.Name, out var fromBatch)
                    ? fromBatch
                    : target is StoreCollectionNode && inTarget[i]
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
