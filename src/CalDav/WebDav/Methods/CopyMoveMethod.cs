using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// COPY (RFC 4918 section 9.8) and MOVE (9.9), done through the tree abstraction: members are
/// recreated at the destination with their bodies and stored properties, then MOVE deletes the
/// source. 201 when the destination was new, 204 when it replaced something.
/// </summary>
internal sealed class CopyMoveMethod : IDavMethodHandler
{
    private readonly bool _isMove;

    public CopyMoveMethod(bool isMove) => _isMove = isMove;

    public async Task HandleAsync(DavRequest request)
    {
        var http = request.Http.Request;
        var source = await request.GetExistingTargetAsync();
        var destination = DestinationHeader.Parse(http, request.EncodedBase);
        var overwrite = DestinationHeader.ParseOverwrite(http);
        var depth = ReadDepth(request, source);

        // RFC 4918 9.8.5: "403 (Forbidden) - The operation is forbidden. A special case for COPY
        // could be that the source and destination resources are the same resource."
        if (destination.Equals(request.Path))
        {
            throw new DavException(403, null, "Source and destination are the same resource.");
        }
        if (source is IDavCollection && depth == DavDepth.Infinity && request.Path.IsSelfOrAncestorOf(destination))
        {
            throw new DavException(403, null, "A collection cannot be copied or moved into itself.");
        }
        await request.CheckPreconditionsAsync(source);

        // RFC 4918 9.8.5: "409 (Conflict) - A resource cannot be created at the destination until
        // one or more intermediate collections have been created."
        var destinationParent = await TargetParent.GetAsync(request, destination);
        var existing = await destinationParent.GetChildAsync(destination.Last.Name, request.Aborted);
        if (existing is not null)
        {
            // RFC 4918 10.6: with "Overwrite: F" and an existing destination, "the server MUST fail".
            if (!overwrite)
            {
                throw new DavException(412, null, "The destination exists and Overwrite is F.");
            }
            // RFC 4918 9.8.4 / 9.9.3: the destination is deleted before the copy or move.
            await destinationParent.DeleteChildAsync(existing.Name, existing.ETag, request.Aborted);
        }

        await CopyAsync(request, source, destinationParent, destination.Last, depth);
        if (_isMove)
        {
            var sourceParent = await TargetParent.GetAsync(request, request.Path);
            await sourceParent.DeleteChildAsync(source.Name, source.ETag, request.Aborted);
        }
        request.Http.Response.StatusCode = existing is null ? 201 : 204;
    }

    /// <summary>
    /// COPY of a collection: Depth 0 or infinity (default), "1" is a 400 (RFC 4918 9.8.3).
    /// MOVE of a collection: "MUST act as if a Depth header with value infinity was used" and
    /// "Clients MUST NOT submit a Depth header on a MOVE ... with any value but infinity" (9.9.2).
    /// </summary>
    private DavDepth ReadDepth(DavRequest request, IDavNode source)
    {
        var depth = request.GetDepth(whenMissing: DavDepth.Infinity);
        if (source is not IDavCollection)
        {
            return DavDepth.Infinity;
        }
        if (depth == DavDepth.One || (_isMove && depth != DavDepth.Infinity))
        {
            throw new DavException(400, null, $"Depth {depth} is not allowed for {(_isMove ? "MOVE" : "COPY")} of a collection.");
        }
        return depth;
    }

    private static async Task CopyAsync(DavRequest request, IDavNode source, IDavWritableCollection targetParent, DavSegment name, DavDepth depth)
    {
        var properties = source is IDavPropertyStore store
            ? await store.GetStoredPropertiesAsync(request.Aborted)
            : [];
        if (source is IDavFile file)
        {
            IDavFile created;
            await using (var content = await file.OpenReadAsync(request.Aborted))
            {
                created = await targetParent.CreateFileAsync(name, content, file.ContentType, request.Aborted);
            }
            if (properties.Count > 0 && created is IDavPropertyStore createdStore)
            {
                await createdStore.PatchStoredPropertiesAsync([.. properties.Select(p => new DavPropertyChange(p.Name, p))], request.Aborted);
            }
            return;
        }
        if (source is not IDavCollection collection)
        {
            throw new DavException(403, null, "This kind of resource cannot be copied.");
        }
        var types = request.Server.ResourceTypes.Where(t => t.CreatableByMkcol && t.AppliesTo(source)).Select(t => t.Name).ToList();
        var copy = await targetParent.CreateCollectionAsync(name, new DavCollectionSpec(types, properties), request.Aborted);
        if (depth != DavDepth.Infinity)
        {
            return;
        }
        if (copy is not IDavWritableCollection writableCopy)
        {
            throw new DavException(403, null, "The copied collection does not accept members.");
        }
        var children = new List<IDavNode>();
        await foreach (var child in collection.GetChildrenAsync(request.Aborted))
        {
            children.Add(child);
        }
        foreach (var child in children)
        {
            var childName = new DavSegment(child.Name, child.EncodedName ?? DavSegment.Encode(child.Name));
            await CopyAsync(request, child, writableCopy, childName, depth);
        }
    }
}
