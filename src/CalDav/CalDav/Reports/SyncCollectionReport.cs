using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav.Reports;

/// <summary>
/// DAV:sync-collection (RFC 6578 section 3). The Depth header is ignored (Thunderbird sends 1,
/// DAVx5 0; INTEROP.md). Deleted members are 404 responses; a DAV:limit that cuts the answer
/// short gives a 507 response on the collection itself and a token to continue from (3.6); the
/// DAV:sync-token element is always present.
/// </summary>
internal sealed class SyncCollectionReport(CalDavService service) : IDavReport
{
    private const int PageSize = PageRequest.MaxLimit;

    public XName Name => CalDavNames.SyncCollection;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode;

    public async Task HandleAsync(DavRequest request, IDavNode target, XElement body)
    {
        var collection = ((StoreCollectionNode)target).Stored;
        var tokenText = body.Element(DavNames.SyncToken)?.Value.Trim() ?? "";
        SyncToken? since = null;
        if (tokenText.Length > 0)
        {
            // RFC 6578 3.2: "DAV:valid-sync-token: The DAV:sync-token element value MUST be a valid token previously returned by the server".
            if (!service.TryParseSyncTokenUri(tokenText, out var parsed))
            {
                throw new DavException(403, CalDavNames.ValidSyncToken, "The sync-token was not issued for this collection.");
            }
            since = parsed;
        }
        var limit = ReadLimit(body);
        var properties = ReportProperties.Parse(body);
        if (since is null && limit is null && properties.CalendarData is null)
        {
            await WriteInitialFromListingAsync(request, (StoreCollectionNode)target, properties);
            return;
        }

        var changes = new List<MemberChange>();
        SyncToken? reached;
        bool truncated;
        while (true)
        {
            var want = limit is { } l ? Math.Min(l - changes.Count, PageSize) : PageSize;
            var set = await service.Store.GetChangesAsync(collection.Ref, since, want, request.Aborted);
            switch (set.Outcome)
            {
                case StoreOutcome.InvalidSyncToken:
                    throw new DavException(403, CalDavNames.ValidSyncToken, "The sync-token is unknown or too old; sync again from scratch.");
                case StoreOutcome.NotFound:
                    throw new DavException(404, null, "The collection was removed.");
            }
            changes.AddRange(set.Changes);
            reached = set.Token;
            truncated = set.MoreRemain;
            if (!set.MoreRemain || (limit is { } max && changes.Count >= max))
            {
                break;
            }
            since = set.Token;
        }
        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        await WriteChangesAsync(writer, request, collection, properties, changes);
        if (truncated)
        {
            // RFC 6578 3.6: "the server MUST ... include a DAV:response element for the Request-URI with a 507 status".
            await writer.WriteStatusResponseAsync(request.HrefFor(request.Path, target), 507, CalDavNames.NumberOfMatchesWithinLimits);
        }
        await writer.WriteElementAsync(new XElement(DavNames.SyncToken, reached is { } token ? service.SyncTokenUri(token) : ((StoreCollectionNode)target).SyncToken));
    }

    /// <summary>
    /// A whole initial sync without calendar-data (RFC 6578 3.8: the current members, no tombstones) is the
    /// member listing PROPFIND Depth 1 gives, with the token of the collection as it was resolved for
    /// this request. Reading the change log as well (every member's row, then a lookup of each summary
    /// by name) made it cost half as much again as that PROPFIND (perf, session 5). The token was read
    /// before the listing, so a member written in between is either listed or not, and comes again in
    /// the next delta: a client may see a change twice, never miss one.
    /// </summary>
    private async Task WriteInitialFromListingAsync(DavRequest request, StoreCollectionNode target, ReportProperties properties)
    {
        var token = target.SyncToken;
        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        var memberPrefix = request.Path.ToHref(request.EncodedBase, isCollection: true);
        await foreach (var child in target.GetChildrenAsync(request.Aborted))
        {
            await properties.WriteAsync(writer, request, service, DavRequest.MemberHref(memberPrefix, child), child);
        }
        await writer.WriteElementAsync(new XElement(DavNames.SyncToken, token));
    }

    private async Task WriteChangesAsync(MultistatusWriter writer, DavRequest request, StoredCollection collection, ReportProperties properties, List<MemberChange> changes)
    {
        var loaded = await GetObjectsAsync(collection, changes.Where(c => !c.IsDeleted && !c.Href.EndsWith('/')).Select(c => c.Href).ToList(), request.Aborted);
        var target = (StoreCollectionNode)(await request.GetExistingTargetAsync());
        var memberPrefix = request.Path.ToHref(request.EncodedBase, isCollection: true);
        foreach (var change in changes)
        {
            var isCollection = change.Href.EndsWith('/');
            var name = isCollection ? change.Href.TrimEnd('/') : change.Href;
            var href = DavRequest.MemberHref(memberPrefix, DavSegment.Encode(name), isCollection);
            IDavNode? node = null;
            if (!change.IsDeleted)
            {
                node = isCollection
                    ? await target.GetChildAsync(name, request.Aborted)
                    : loaded.TryGetValue(name, out var stored) ? new StoreObjectNode(service, collection, stored.Summary, stored.Data) : null;
            }
            if (node is null)
            {
                // RFC 6578 3.5.2: removed members are reported with a 404 status and no properties.
                await writer.WriteStatusResponseAsync(href, 404);
                continue;
            }
            await properties.WriteAsync(writer, request, service, href, node);
        }
    }

    private async Task<Dictionary<string, (ObjectSummary Summary, ReadOnlyMemory<byte>? Data)>> GetObjectsAsync(StoredCollection collection, List<string> names, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<string, (ObjectSummary, ReadOnlyMemory<byte>?)>(names.Count, StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(PageRequest.MaxLimit))
        {
            foreach (var stored in await service.Store.GetObjectsAsync(collection.Ref, chunk, cancellationToken))
            {
                loaded[stored.Href] = (stored.Summary, stored.Data);
            }
        }
        return loaded;
    }

    /// <summary>RFC 6578 3.7 / RFC 5323 DAV:limit with DAV:nresults.</summary>
    private static int? ReadLimit(XElement body)
    {
        var text = body.Element(CalDavNames.Limit)?.Element(CalDavNames.NResults)?.Value;
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new DavException(400, null, "DAV:nresults must be a positive integer.");
    }
}
