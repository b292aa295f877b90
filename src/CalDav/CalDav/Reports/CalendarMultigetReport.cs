using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
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
        var hrefs = new List<string>();
        foreach (var element in body.Elements(DavNames.Href))
        {
            hrefs.Add(element.Value);
        }
        // Each href is resolved once. Members of the target calendar (those whose parent is the target) are
        // known by name and fetched from the store in batches; any other href is looked up in the tree.
        var mount = HrefResolver.MountOf(request);
        var calendar = target as StoreCollectionNode;
        var memberPrefix = calendar is null ? null : request.Path.ToHref(request.EncodedBase, isCollection: true);
        var memberNames = new string?[hrefs.Count];
        var otherPaths = new DavPath?[hrefs.Count];
        for (var i = 0; i < hrefs.Count; i++)
        {
            if (memberPrefix is not null && HrefResolver.TryMemberName(memberPrefix, hrefs[i], out var name))
            {
                memberNames[i] = name;
                continue;
            }
            var path = HrefResolver.Resolve(mount, hrefs[i]);
            if (calendar is not null && path?.Parent is { } parent && parent.Equals(request.Path))
            {
                memberNames[i] = path.Last.Name;
            }
            else
            {
                otherPaths[i] = path;
            }
        }
        var batched = new Dictionary<string, StoreObjectNode>(StringComparer.Ordinal);
        if (calendar is not null)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in memberNames)
            {
                if (name is not null && ResourceNames.IsValidSegment(name))
                {
                    names.Add(name);
                }
            }
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
            IDavNode? node = memberNames[i] is { } member
                ? batched.GetValueOrDefault(member) // asked for in the batch; absent means not there
                : otherPaths[i] is { } path ? await request.Tree.GetNodeAsync(path, request.Aborted) : null;
            if (node is null)
            {
                await writer.WriteStatusResponseAsync(href, 404);
                continue;
            }
            await properties.WriteAsync(writer, request, service, href, node);
        }
    }
}
