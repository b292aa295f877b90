using System.Xml.Linq;
using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Storage.Contract;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.CalDav.Methods;

/// <summary>
/// PUT into a calendar collection (RFC 4791 section 5.3.2): the body is checked against the
/// preconditions of 5.3.2.1, and If-Match / If-None-Match are evaluated by the store inside the
/// write transaction, so of two concurrent writers with the same If-Match exactly one wins.
/// Anything else goes to the WebDAV core's PUT (plain collections keep working for litmus).
/// </summary>
internal sealed class CalendarPutMethod(CalDavService service, IDavMethodHandler corePut) : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var parent = request.Path.Parent is { } parentPath ? await request.Tree.GetNodeAsync(parentPath, request.Aborted) : null;
        if (parent is not StoreCollectionNode { IsCalendar: true } calendar)
        {
            await corePut.HandleAsync(request);
            return;
        }
        var http = request.Http.Request;
        var name = request.Path.Last.Name;
        if (!ResourceNames.IsValidSegment(name))
        {
            throw new DavException(400, null, "This name cannot be stored.");
        }
        if (http.Headers.ContentRange.Count > 0)
        {
            throw new DavException(400, null, "Partial PUT with Content-Range is not supported.");
        }
        var precondition = WritePreconditionHeaders.Read(http);
        var limit = service.Store.Limits.MaxObjectSize;
        // With Transfer-Encoding the framing is chunked whatever Content-Length says (RFC 9112 6.3).
        var declaredLength = http.Headers.TransferEncoding.Count == 0 ? http.ContentLength : null;
        var body = await BodyReader.ReadAsync(http.Body, limit, request.Aborted, declaredLength);
        if (body is null)
        {
            // RFC 4791 5.3.2.1 CALDAV:max-resource-size: "The resource submitted ... MUST have an octet size less than or equal to" it.
            // The status is 413 (RFC 9110 15.5.14), the one every client and proxy understands as "too big", whether the body
            // had a Content-Length or came chunked and hit Kestrel's cap; the precondition element still says which limit.
            await CalDavErrorBody.WriteAsync(request.Http.Response, 413, new XElement(CalDavNames.MaxResourceSizePrecondition), $"The limit is {limit} bytes.");
            return;
        }
        var written = await service.Writer.PutAsync(calendar.Stored, name, body, http.ContentType, precondition, request.Aborted);
        if (written.Invalid is { } failure)
        {
            await CalDavErrorBody.WriteAsync(request.Http.Response, failure.Status, new XElement(failure.Precondition), failure.Message);
            return;
        }
        var result = written.Stored!;
        var response = request.Http.Response;
        switch (result.Outcome)
        {
            case StoreOutcome.Created or StoreOutcome.Updated:
                // INTEROP.md: 201 new / 204 update (never 200), always with the ETag; observers were told by the writer.
                response.Headers.ETag = result.ETag!.Value.Quoted;
                response.StatusCode = result.Outcome == StoreOutcome.Created ? 201 : 204;
                return;
            case StoreOutcome.PreconditionFailed:
                throw new DavException(412, null, "A precondition header does not hold for the current resource.");
            case StoreOutcome.AlreadyExists:
                // The name is a collection's: the store checks it inside the write transaction (one read fewer per PUT
                // than asking first), so a body is validated before this answer.
                throw new DavException(405, null, "PUT cannot replace a collection.");
            case StoreOutcome.UidConflict:
                // RFC 4791 5.3.2.1 CALDAV:no-uid-conflict: "(DAV:href) ... the URL of the existing calendar object resource".
                var other = request.EncodedBase + DavLayout.CollectionPath(calendar.Stored.Ref.UserName, calendar.Stored.Ref.Path)
                    .Append(DavSegment.FromName(result.ConflictingHref ?? "")).ToHref("", isCollection: false);
                await CalDavErrorBody.WriteAsync(response, 409, new XElement(CalDavNames.NoUidConflict, new XElement(DavNames.Href, other)), "Another object in this calendar has the same UID.");
                return;
            case StoreOutcome.TooLarge:
                await CalDavErrorBody.WriteAsync(response, 413, new XElement(CalDavNames.MaxResourceSizePrecondition), $"The limit is {limit} bytes.");
                return;
            default:
                throw new DavException(409, null, $"The store refused the write: {result.Outcome}.");
        }
    }
}

/// <summary>Turns If-Match / If-None-Match into a condition the store checks in its transaction.</summary>
internal static class WritePreconditionHeaders
{
    public static WritePrecondition Read(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            var tags = Parse(ifMatch, out var any);
            if (any)
            {
                return WritePrecondition.IfMatchAny;
            }
            // RFC 9110 13.1.1: If-Match uses the strong comparison, so weak tags never match.
            var strong = tags.Where(t => !t.IsWeak).Select(ToStoreTag).OfType<ETag>().ToArray();
            return strong.Length > 0 ? WritePrecondition.IfMatch(strong) : throw new DavException(412, null, "If-Match lists no strong entity tag.");
        }
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            var tags = Parse(ifNoneMatch, out var any);
            if (any)
            {
                return WritePrecondition.IfNoneMatchAny;
            }
            var all = tags.Select(t => ToStoreTag(t with { IsWeak = false })).OfType<ETag>().ToArray();
            return all.Length > 0 ? WritePrecondition.IfNoneMatch(all) : WritePrecondition.None;
        }
        return WritePrecondition.None;
    }

    private static List<EntityTag> Parse(string header, out bool any) =>
        EntityTag.TryParseList(header, out var tags, out any)
            ? tags
            : throw new DavException(400, null, "Malformed entity-tag list in a conditional header.");

    private static ETag? ToStoreTag(EntityTag tag) => ETag.TryParseQuoted(tag.ToString(), out var parsed) ? parsed : null;
}
