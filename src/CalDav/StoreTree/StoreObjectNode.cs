using System.Runtime.InteropServices;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>A stored resource: a calendar object in a calendar, or any file in a plain collection.</summary>
internal sealed class StoreObjectNode : IDavWritableFile, IDavPropertyStore
{
    private readonly CalDavService _service;
    private readonly StoredCollection _collection;
    private ReadOnlyMemory<byte>? _data;

    public StoreObjectNode(CalDavService service, StoredCollection collection, ObjectSummary summary, ReadOnlyMemory<byte>? data = null)
    {
        _service = service;
        _collection = collection;
        Summary = summary;
        _data = data;
    }

    public ObjectSummary Summary { get; }

    public ObjectRef Ref => _collection.Ref.Object(Summary.Href);

    public bool IsCalendarObject => _collection.Kind == CollectionKind.Calendar;

    public StoredCollection Collection => _collection;

    public string Name => Summary.Href;

    public string? EncodedName => null;

    public EntityTag? ETag => new EntityTag(Summary.ETag.Value);

    public DateTimeOffset? LastModified => Summary.LastModified.ToDateTimeOffset();

    public DateTimeOffset? CreationDate => null;

    public string ContentType => Summary.ContentType;

    public long ContentLength => Summary.Size;

    /// <summary>The bytes, loaded once (REPORTs pass them in with the node).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetDataAsync(CancellationToken cancellationToken)
    {
        if (_data is null)
        {
            var stored = await _service.Store.GetObjectAsync(Ref, cancellationToken)
                ?? throw new DavException(404, null, "The resource was removed meanwhile.");
            _data = stored.Data;
        }
        return _data.Value;
    }

    public async ValueTask<Stream> OpenReadAsync(CancellationToken cancellationToken)
    {
        var data = await GetDataAsync(cancellationToken);
        // Over the stored array, not a copy: the store's rows may be shared (its read cache), and nothing writes to this stream.
        return MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
    }

    public async ValueTask<EntityTag> WriteAsync(Stream content, string? contentType, EntityTag? expectedETag, CancellationToken cancellationToken)
    {
        var precondition = StoreWriter.IfMatch(expectedETag);
        var result = await StoreWriter.PutAsync(_service, _collection, Summary.Href, content, contentType, precondition, cancellationToken);
        return new EntityTag(result.Value);
    }

    public async ValueTask<IReadOnlyList<XElement>> GetStoredPropertiesAsync(CancellationToken cancellationToken) =>
        [.. StoredPropertyMap.ParseDead(await _service.Store.GetDeadPropertiesAsync(_collection.Ref, Summary.Href, cancellationToken))];

    public async ValueTask PatchStoredPropertiesAsync(IReadOnlyList<DavPropertyChange> changes, CancellationToken cancellationToken)
    {
        var outcome = await _service.Store.PatchDeadPropertiesAsync(_collection.Ref, Summary.Href, [.. changes.Select(StoredPropertyMap.ToDead)], cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            throw new DavException(404, null, "The resource was removed meanwhile.");
        }
    }
}
