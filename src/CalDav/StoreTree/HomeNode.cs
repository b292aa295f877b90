using System.Runtime.CompilerServices;
using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// The calendar home of one account (RFC 4791 section 6.2.1): a plain collection whose members are
/// the account's calendars and plain collections; never itself a calendar (INTEROP.md: iOS never
/// finishes when the home-set is a calendar).
/// </summary>
internal sealed class HomeNode(CalDavService service, string userName, string ownerHref) : IDavWritableCollection, IDavOwned
{
    public string UserName => userName;

    public string Name => userName;

    public string? EncodedName => null;

    public EntityTag? ETag => null;

    public DateTimeOffset? LastModified => null;

    public DateTimeOffset? CreationDate => null;

    public string? OwnerHref => ownerHref;

    public IAsyncEnumerable<IDavNode> GetChildrenAsync(CancellationToken cancellationToken) =>
        StoreListing.CollectionsAsync(service, userName, null, ownerHref, cancellationToken);

    public async ValueTask<IDavNode?> GetChildAsync(string name, CancellationToken cancellationToken) =>
        ResourceNames.IsValidSegment(name) && await service.Store.GetCollectionAsync(new CollectionRef(userName, name), cancellationToken) is { } stored
            ? new StoreCollectionNode(service, stored, ownerHref)
            : null;

    public ValueTask<IDavFile> CreateFileAsync(DavSegment name, Stream content, string? contentType, CancellationToken cancellationToken) =>
        throw new DavException(403, null, "The calendar home holds collections only; put resources into a calendar.");

    public async ValueTask<IDavCollection> CreateCollectionAsync(DavSegment name, DavCollectionSpec spec, CancellationToken cancellationToken)
    {
        if (!ResourceNames.IsValidSegment(name.Name))
        {
            throw new DavException(400, null, "This name cannot be stored.");
        }
        return await StoreListing.CreateCollectionAsync(service, new CollectionRef(userName, name.Name), spec, ownerHref, cancellationToken);
    }

    public async ValueTask DeleteChildAsync(string name, EntityTag? expectedETag, CancellationToken cancellationToken)
    {
        var outcome = ResourceNames.IsValidSegment(name)
            ? await service.Writer.DeleteCollectionAsync(new CollectionRef(userName, name), cancellationToken)
            : StoreOutcome.NotFound;
        if (outcome == StoreOutcome.NotFound)
        {
            throw new DavException(404, null, "No such collection.");
        }
    }
}

/// <summary>Listing and creation shared by the home and nested collections.</summary>
internal static class StoreListing
{
    public static async IAsyncEnumerable<IDavNode> CollectionsAsync(CalDavService service, string userName, string? parentPath, string ownerHref, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await service.Store.ListCollectionsAsync(userName, parentPath, page, cancellationToken);
            foreach (var stored in result.Items)
            {
                yield return new StoreCollectionNode(service, stored, ownerHref);
            }
            page = result.NextRequest(PageRequest.MaxLimit);
        }
    }

    public static async Task<IDavCollection> CreateCollectionAsync(CalDavService service, CollectionRef target, DavCollectionSpec spec, string ownerHref, CancellationToken cancellationToken)
    {
        var kind = spec.ResourceTypes.Contains(CalDavNames.Calendar) ? CollectionKind.Calendar : CollectionKind.Plain;
        var dead = new List<DavPropertyChange>();
        var properties = StoredPropertyMap.Apply(CollectionProperties.Empty, spec.Properties.Select(p => new DavPropertyChange(p.Name, p)), dead);
        var outcome = await service.Store.CreateCollectionAsync(target, kind, properties, cancellationToken);
        switch (outcome)
        {
            case StoreOutcome.Created:
                break;
            case StoreOutcome.AlreadyExists:
                // RFC 4791 5.3.1.1 / RFC 4918 9.3.1: MKCOL/MKCALENDAR only on an unmapped URL.
                throw new DavException(405, CalDavNames.ResourceMustBeNull, "Something already exists at this path.");
            default:
                throw new DavException(409, null, $"The collection cannot be created: {outcome}.");
        }
        if (dead.Count > 0)
        {
            await service.Store.PatchDeadPropertiesAsync(target, null, [.. dead.Select(StoredPropertyMap.ToDead)], cancellationToken);
        }
        var created = await service.Store.GetCollectionAsync(target, cancellationToken)
            ?? throw new DavException(409, null, "The new collection vanished.");
        return new StoreCollectionNode(service, created, ownerHref);
    }
}
