using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.WebDav;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// Writes a resource body through the store. Calendar collections only take valid calendar object
/// resources (RFC 4791 section 4.1), so their bodies go through the CalDAV preparation first; this
/// path serves the WebDAV core's PUT on plain collections and COPY/MOVE into calendars.
/// </summary>
internal static class StoreWriter
{
    /// <summary>The core's expected tag as a store condition, checked inside the write transaction.</summary>
    public static WritePrecondition IfMatch(WebDav.Http.EntityTag? expected) =>
        expected is { IsWeak: false } tag && ETag.TryParseQuoted(tag.ToString(), out var parsed)
            ? WritePrecondition.IfMatch(parsed)
            : WritePrecondition.None;

    public static async Task<ETag> PutAsync(CalDavService service, StoredCollection collection, string href, Stream content, string? contentType, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var bytes = await BodyReader.ReadAsync(content, service.Store.Limits.MaxObjectSize, cancellationToken)
            ?? throw new DavException(413, CalDavNames.MaxResourceSizePrecondition, "The resource is larger than max-resource-size.");
        ObjectContent objectContent;
        if (collection.Kind == CollectionKind.Calendar)
        {
            var prepared = service.Preparer.Prepare(bytes, contentType, collection);
            if (prepared.Failure is { } failure)
            {
                throw new DavException(failure.Status, failure.Precondition, failure.Message);
            }
            objectContent = prepared.Content!;
        }
        else
        {
            objectContent = new ObjectContent(bytes, string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
        }
        var result = await service.Store.PutObjectAsync(collection.Ref.Object(href), objectContent, precondition, cancellationToken);
        if (result.IsSuccess && result.ETag is { } written)
        {
            await service.Notifier.WrittenAsync(collection, href, written, objectContent.Data, result.ClearedReminders, cancellationToken);
        }
        return result.Outcome switch
        {
            _ when result.IsSuccess && result.ETag is { } tag => tag,
            StoreOutcome.UidConflict => throw new DavException(409, CalDavNames.NoUidConflict, $"The UID is already used by {result.ConflictingHref}."),
            StoreOutcome.PreconditionFailed => throw new DavException(412, null, "A precondition header does not hold for the current resource."),
            StoreOutcome.TooLarge => throw new DavException(413, CalDavNames.MaxResourceSizePrecondition, "The resource is larger than max-resource-size."),
            _ => throw new DavException(409, null, $"The store refused the write: {result.Outcome}."),
        };
    }
}
