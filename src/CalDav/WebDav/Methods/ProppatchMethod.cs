using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// PROPPATCH (RFC 4918 section 9.2): set and remove in document order, all or nothing; when one
/// instruction fails the others are reported as 424 Failed Dependency and nothing is stored.
/// </summary>
internal sealed class ProppatchMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var document = await request.ReadXmlAsync();
        if (document?.Root is not { } root || root.Name != DavNames.PropertyUpdate)
        {
            throw new DavException(400, null, "PROPPATCH needs a DAV:propertyupdate body.");
        }
        var node = await request.GetExistingTargetAsync();
        await request.CheckPreconditionsAsync(node);
        var instructions = PropertyPatchPlanner.ReadInstructions(root);
        if (instructions.Count == 0)
        {
            // RFC 4918 14.19: propertyupdate holds one or more set/remove, each with a DAV:prop.
            throw new DavException(400, null, "DAV:propertyupdate contains no property to set or remove.");
        }
        var plan = PropertyPatchPlanner.Plan(request.Server, node, instructions);
        if (!plan.Failed && plan.Changes.Count > 0)
        {
            var store = node as IDavPropertyStore ?? throw new DavException(403, null, "This resource does not store properties.");
            await store.PatchStoredPropertiesAsync(plan.Changes, request.Aborted);
        }
        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        await writer.WriteResponseAsync(request.HrefFor(request.Path, node), plan.Results);
    }
}
