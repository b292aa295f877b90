using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Methods;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav.Methods;

/// <summary>
/// MKCALENDAR (RFC 4791 section 5.3.1): creates a calendar collection, with the properties of its
/// optional CALDAV:mkcalendar body set all or nothing.
/// </summary>
internal sealed class MkcalendarMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        // RFC 4791 5.3.1.2 (DAV:resource-must-be-null): "A resource MUST NOT exist at the Request-URI".
        if (await request.GetTargetAsync() is not null)
        {
            throw new DavException(405, CalDavNames.ResourceMustBeNull, "Something already exists at this path.");
        }
        var parent = await TargetParent.GetAsync(request, request.Path);
        var document = await request.ReadXmlAsync();
        var instructions = new List<DavPropertyChange>();
        if (document?.Root is { } root)
        {
            if (root.Name != CalDavNames.Mkcalendar)
            {
                throw new DavException(400, null, $"Expected CALDAV:mkcalendar, found {root.Name}.");
            }
            instructions = PropertyPatchPlanner.ReadInstructions(root);
            if (instructions.Any(i => i.Value is null))
            {
                throw new DavException(400, null, "CALDAV:mkcalendar may only contain DAV:set.");
            }
        }
        var plan = PropertyPatchPlanner.Plan(request.Server, null, [.. instructions.Where(i => i.Name != DavNames.ResourceType)]);
        if (plan.Failed)
        {
            // RFC 4791 5.3.1: when a property cannot be set the calendar is not created, and the
            // response body "MUST be a CALDAV:mkcalendar-response" with the property status.
            await using var writer = await MultistatusWriter.StartAsync(request.Http.Response, CalDavNames.MkcalendarResponse, status: 403);
            await writer.WritePropstatsAsync(plan.Results);
            return;
        }
        var spec = new DavCollectionSpec([CalDavNames.Calendar], [.. plan.Changes.Select(c => c.Value!)]);
        await parent.CreateCollectionAsync(request.Path.Last, spec, request.Aborted);
        request.Http.Response.StatusCode = 201;
        request.Http.Response.ContentLength = 0;
    }
}
