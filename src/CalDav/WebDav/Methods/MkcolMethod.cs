using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// MKCOL (RFC 4918 section 9.3) and extended MKCOL (RFC 5689 section 3): a DAV:mkcol body sets the
/// resource type and properties of the new collection in one step, all or nothing.
/// </summary>
internal sealed class MkcolMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        if (await request.GetTargetAsync() is not null)
        {
            // RFC 4918 9.3.1: "405 (Method Not Allowed) - MKCOL can only be executed on an unmapped URL."
            throw new DavException(405, null, "Something already exists at this path.");
        }
        await request.CheckPreconditionsAsync(null);
        var parent = await TargetParent.GetAsync(request, request.Path);
        var spec = await ReadSpecAsync(request);
        if (spec is null)
        {
            return; // the failure response has been written
        }
        await parent.CreateCollectionAsync(request.Path.Last, spec, request.Aborted);
        request.Http.Response.StatusCode = 201;
    }

    private static async Task<DavCollectionSpec?> ReadSpecAsync(DavRequest request)
    {
        var http = request.Http.Request;
        var body = await DavXmlReader.ReadBodyAsync(http, request.Server.Options.MaxXmlBodyBytes, request.Aborted);
        if (body.Length == 0)
        {
            return DavCollectionSpec.Plain;
        }
        // RFC 4918 9.3: "If the server receives a MKCOL request entity type it does not support or
        // understand, it MUST respond with a 415 (Unsupported Media Type) status code."
        var mediaType = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/xml" or "text/xml"))
        {
            throw new DavException(415, null, "MKCOL accepts only an extended MKCOL XML body (RFC 5689).");
        }
        var root = DavXmlReader.Parse(body, request.Server.Options.MaxXmlCharacters).Root;
        if (root?.Name != DavNames.Mkcol)
        {
            throw new DavException(415, null, $"Expected DAV:mkcol, found {root?.Name}.");
        }

        var instructions = PropertyPatchPlanner.ReadInstructions(root);
        if (instructions.Any(i => i.Value is null))
        {
            throw new DavException(400, null, "DAV:mkcol may only contain DAV:set.");
        }
        var types = new List<XName>();
        var results = new List<PropertyResult>();
        var others = new List<DavPropertyChange>();
        foreach (var instruction in instructions)
        {
            if (instruction.Name != DavNames.ResourceType)
            {
                others.Add(instruction);
                continue;
            }
            types.AddRange(instruction.Value!.Elements().Select(e => e.Name).Where(n => n != DavNames.Collection));
        }
        var unknown = types.Where(t => !request.Server.ResourceTypes.Any(r => r.Name == t && r.CreatableByMkcol)).ToList();
        var plan = PropertyPatchPlanner.Plan(request.Server, null, others);
        if (unknown.Count == 0 && !plan.Failed)
        {
            return new DavCollectionSpec(types, [.. plan.Changes.Select(c => c.Value!)]);
        }

        // RFC 5689 3.3 (DAV:valid-resourcetype): the server MUST support the requested resourcetype.
        // RFC 5689 3: a failed extended MKCOL returns a DAV:mkcol-response with per-property status.
        if (instructions.Any(i => i.Name == DavNames.ResourceType))
        {
            results.Add(unknown.Count > 0
                ? new PropertyResult(DavNames.ResourceType, 403, Error: DavNames.ValidResourceType)
                : new PropertyResult(DavNames.ResourceType, 424));
        }
        results.AddRange(plan.Results.Select(r => r.Status == 200 ? r with { Status = 424 } : r));
        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response, DavNames.MkcolResponse, status: 403);
        await writer.WritePropstatsAsync(results);
        return null;
    }
}
