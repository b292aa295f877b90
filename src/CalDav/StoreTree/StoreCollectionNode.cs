using System.Runtime.CompilerServices;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// A stored collection: a calendar (RFC 4791 section 4.2) or a plain WebDAV collection, which may
/// nest. Its change-log position is both DAV:sync-token and CS:getctag.
/// </summary>
internal sealed class StoreCollectionNode(CalDavService service, StoredCollection collection, string ownerHref)
    : IDavWritableCollection, IDavPropertyStore, IDavSyncTokenSource, IDavOwned
{
    public StoredCollection Stored => collection;

    public bool IsCalendar => collection.Kind == CollectionKind.Calendar;

    public string Name => collection.Ref.Name;

    public string? EncodedName => null;

    public EntityTag? ETag => null;

    public DateTimeOffset? LastModified => null;

    public DateTimeOffset? CreationDate => collection.CreatedAt.ToDateTimeOffset();

    public string SyncToken => service.SyncTokenUri(collection.SyncToken);

    public string? OwnerHref => ownerHref;

    public async IAsyncEnumerable<IDavNode> GetChildrenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var child in StoreListing.CollectionsAsync(service, collection.Ref.UserName, collection.Ref.Path, ownerHref, cancellationToken))
        {
            yield return child;
        }
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await service.Store.ListObjectsAsync(collection.Ref, page, cancellationToken);
            foreach (var summary in result.Items)
            {
                yield return new StoreObjectNode(service, collection, summary);
            }
            page = result.NextRequest(PageRequest.MaxLimit);
        }
    }

    public async ValueTask<IDavNode?> GetChildAsync(string name, CancellationToken cancellationToken)
    {
        if (!ResourceNames.IsValidSegment(name))
        {
            return null;
        }
        // A name is a member collection or an object, never both (MKCOL and PUT each refuse the other), so
        // the order only decides cost: calendars hold objects (RFC 4791 5.3.1 keeps collections out), so
        // there the object is looked up first and the collection only when there is none.
        if (IsCalendar && await GetObjectNodeAsync(name, cancellationToken) is { } calendarObject)
        {
            return calendarObject;
        }
        if (await FindChildCollectionAsync(name, cancellationToken) is { } child)
        {
            return new StoreCollectionNode(service, child, ownerHref);
        }
        return IsCalendar ? null : await GetObjectNodeAsync(name, cancellationToken);
    }

    private async ValueTask<StoreObjectNode?> GetObjectNodeAsync(string name, CancellationToken cancellationToken) =>
        await service.Store.GetObjectAsync(collection.Ref.Object(name), cancellationToken) is { } stored
            ? new StoreObjectNode(service, collection, stored.Summary, stored.Data)
            : null;

    /// <summary>The member collection of that (valid) name, or null; reads no object bytes.</summary>
    public async ValueTask<StoredCollection?> FindChildCollectionAsync(string name, CancellationToken cancellationToken) =>
        collection.Ref.Path.Count(c => c == '/') + 2 <= ResourceNames.MaxDepth
            ? await service.Store.GetCollectionAsync(collection.Ref.Child(name), cancellationToken)
            : null;

    public async ValueTask<IDavFile> CreateFileAsync(DavSegment name, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        CheckName(name.Name);
        await StoreWriter.PutAsync(service, collection, name.Name, content, contentType, WritePrecondition.IfNoneMatchAny, cancellationToken);
        return await GetChildAsync(name.Name, cancellationToken) as IDavFile
            ?? throw new DavException(409, null, "The new resource vanished.");
    }

    public async ValueTask<IDavCollection> CreateCollectionAsync(DavSegment name, DavCollectionSpec spec, CancellationToken cancellationToken)
    {
        CheckName(name.Name);
        // RFC 4791 5.3.1: "MKCALENDAR ... calendar-collection-location-ok: The Request-URI MUST
        // identify a location where a calendar collection can be created" - not inside a calendar.
        if (IsCalendar)
        {
            throw new DavException(403, CalDavNames.CalendarCollectionLocationOk, "Calendars cannot contain collections.");
        }
        return await StoreListing.CreateCollectionAsync(service, collection.Ref.Child(name.Name), spec, ownerHref, cancellationToken);
    }

    public async ValueTask DeleteChildAsync(string name, EntityTag? expectedETag, CancellationToken cancellationToken)
    {
        var child = await GetChildAsync(name, cancellationToken);
        switch (child)
        {
            case StoreCollectionNode nested:
                await service.Writer.DeleteCollectionAsync(nested.Stored.Ref, cancellationToken);
                break;
            case StoreObjectNode:
                var outcome = await service.Writer.DeleteAsync(collection, name, StoreWriter.IfMatch(expectedETag), cancellationToken);
                if (outcome == StoreOutcome.NotFound)
                {
                    throw new DavException(404, null, "The resource was removed meanwhile.");
                }
                if (outcome == StoreOutcome.PreconditionFailed)
                {
                    throw new DavException(412, null, "The resource changed meanwhile.");
                }
                break;
            default:
                throw new DavException(404, null, "No such member.");
        }
    }

    public async ValueTask<IReadOnlyList<XElement>> GetStoredPropertiesAsync(CancellationToken cancellationToken)
    {
        var dead = await service.Store.GetDeadPropertiesAsync(collection.Ref, null, cancellationToken);
        return [.. StoredPropertyMap.ToElements(collection.Properties), .. StoredPropertyMap.ParseDead(dead)];
    }

    public async ValueTask PatchStoredPropertiesAsync(IReadOnlyList<DavPropertyChange> changes, CancellationToken cancellationToken)
    {
        var dead = new List<DavPropertyChange>();
        var updated = StoredPropertyMap.Apply(collection.Properties, changes, dead);
        // Dead properties first: their write can fail on size, the column update cannot.
        if (dead.Count > 0)
        {
            var outcome = await service.Store.PatchDeadPropertiesAsync(collection.Ref, null, [.. dead.Select(StoredPropertyMap.ToDead)], cancellationToken);
            if (outcome == StoreOutcome.NotFound)
            {
                throw new DavException(404, null, "The collection was removed meanwhile.");
            }
        }
        if (updated != collection.Properties)
        {
            await service.Store.UpdateCollectionPropertiesAsync(collection.Ref, updated, cancellationToken);
        }
    }

    private static void CheckName(string name)
    {
        if (!ResourceNames.IsValidSegment(name))
        {
            throw new DavException(400, null, "This name cannot be stored.");
        }
    }
}
