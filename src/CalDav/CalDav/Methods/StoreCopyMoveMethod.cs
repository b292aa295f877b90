using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Methods;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav.Methods;

/// <summary>
/// COPY (RFC 4918 section 9.8) and MOVE (9.9) of stored resources and collections as one store
/// transaction (MoveObjectAsync, CopyCollectionAsync ...), instead of the core's create-then-delete
/// that a crash or a concurrent writer could leave half done. "Overwrite: F" becomes a target
/// precondition the store checks inside the same transaction (RFC 4918 10.6).
/// Cases the store cannot do in one step fall back to the core: a plain resource moved into a
/// calendar (it must be parsed and indexed like a PUT), a collection moved into a calendar (refused
/// there with calendar-collection-location-ok), a Depth 0 collection COPY, and replacing a resource
/// by a collection or the other way round.
/// </summary>
internal sealed class StoreCopyMoveMethod(CalDavService service, IDavMethodHandler core, bool isMove) : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var http = request.Http.Request;
        var source = await request.GetExistingTargetAsync();
        var destination = DestinationHeader.Parse(http, request.EncodedBase);
        if (source is not (StoreObjectNode or StoreCollectionNode) || destination.Equals(request.Path) || request.Path.IsSelfOrAncestorOf(destination)
            || (source is StoreCollectionNode && request.GetDepth(DavDepth.Infinity) != DavDepth.Infinity))
        {
            // The core answers the edge cases (403 same resource / into itself, Depth rules).
            await core.HandleAsync(request);
            return;
        }
        var parent = destination.Parent is { } parentPath ? await request.Tree.GetNodeAsync(parentPath, request.Aborted) : null;
        var existing = parent is IDavCollection parentCollection ? await parentCollection.GetChildAsync(destination.Last.Name, request.Aborted) : null;
        var handled = (source, parent) switch
        {
            (StoreObjectNode file, StoreCollectionNode target) when existing is null or StoreObjectNode
                && (!target.IsCalendar || file.IsCalendarObject) => await ObjectAsync(request, file, target, destination.Last.Name),
            (StoreCollectionNode collection, HomeNode or StoreCollectionNode { IsCalendar: false }) when existing is null or StoreCollectionNode
                => await CollectionAsync(request, collection, TargetRef(parent, destination.Last.Name), existing is not null),
            _ => false,
        };
        if (!handled)
        {
            await core.HandleAsync(request);
        }
    }

    private async Task<bool> ObjectAsync(DavRequest request, StoreObjectNode source, StoreCollectionNode target, string name)
    {
        if (!ResourceNames.IsValidSegment(name))
        {
            throw new DavException(400, null, "This name cannot be stored.");
        }
        await request.CheckPreconditionsAsync(source);
        var data = await source.GetDataAsync(request.Aborted);
        if (target.IsCalendar)
        {
            // RFC 4791 5.3.2.1 applies to COPY/MOVE into a calendar as to PUT: the target calendar may
            // restrict components (supported-calendar-component-set) or dates differently.
            var prepared = service.Preparer.Prepare(data, "text/calendar", target.Stored);
            if (prepared.Failure is { } failure)
            {
                await CalDavErrorBody.WriteAsync(request.Http.Response, failure.Status, new XElement(failure.Precondition), failure.Message);
                return true;
            }
        }
        var targetRef = target.Stored.Ref.Object(name);
        var condition = DestinationHeader.ParseOverwrite(request.Http.Request) ? WritePrecondition.None : WritePrecondition.IfNoneMatchAny;
        var result = isMove
            ? await service.Store.MoveObjectAsync(source.Ref, targetRef, condition, request.Aborted)
            : await service.Store.CopyObjectAsync(source.Ref, targetRef, condition, request.Aborted);
        switch (result.Outcome)
        {
            case StoreOutcome.Created or StoreOutcome.Updated:
                request.Http.Response.StatusCode = result.Outcome == StoreOutcome.Created ? 201 : 204;
                if (isMove)
                {
                    await service.Notifier.DeletedAsync(source.Collection, source.Name, [], request.Aborted);
                }
                if (result.ETag is { } etag)
                {
                    await service.Notifier.WrittenAsync(target.Stored, name, etag, data, result.ClearedReminders, request.Aborted,
                        isMove ? source.Collection.Ref.Path : null);
                }
                return true;
            case StoreOutcome.UidConflict:
                // RFC 4791 5.3.2.1 CALDAV:no-uid-conflict, with the href of the object holding the UID.
                var other = request.EncodedBase + DavLayout.CollectionPath(target.Stored.Ref.UserName, target.Stored.Ref.Path)
                    .Append(DavSegment.FromName(result.ConflictingHref ?? "")).ToHref("", isCollection: false);
                await CalDavErrorBody.WriteAsync(request.Http.Response, 409, new XElement(CalDavNames.NoUidConflict, new XElement(DavNames.Href, other)), "The target calendar has an object with the same UID.");
                return true;
            default:
                throw Failure(result.Outcome);
        }
    }

    private async Task<bool> CollectionAsync(DavRequest request, StoreCollectionNode source, CollectionRef target, bool replaces)
    {
        await request.CheckPreconditionsAsync(source);
        var overwrite = DestinationHeader.ParseOverwrite(request.Http.Request);
        // The firings of a replaced target (tree or object), each with its own calendar, so an external timer
        // can delete exactly their schedules.
        var cleared = new List<DueReminder>();
        var outcome = isMove
            ? await service.Store.MoveCollectionAsync(source.Stored.Ref, target, overwrite, request.Aborted, cleared)
            : await service.Store.CopyCollectionAsync(source.Stored.Ref, target, overwrite, request.Aborted, cleared);
        if (!outcome.IsSuccess())
        {
            throw Failure(outcome);
        }
        request.Http.Response.StatusCode = outcome == StoreOutcome.Created ? 201 : 204;
        if (replaces || outcome == StoreOutcome.Updated)
        {
            await service.Notifier.CollectionDeletedAsync(target, cleared, request.Aborted);
        }
        if (isMove)
        {
            await service.Notifier.CollectionDeletedAsync(source.Stored.Ref, [], request.Aborted);
        }
        await service.Notifier.TreeWrittenAsync(service.Store, target, request.Aborted, isMove ? source.Stored.Ref : null);
        return true;
    }

    private static CollectionRef TargetRef(IDavNode? parent, string name) => parent switch
    {
        HomeNode home when ResourceNames.IsValidSegment(name) => new CollectionRef(home.UserName, name),
        StoreCollectionNode collection when ResourceNames.IsValidSegment(name) && ResourceNames.IsValidCollectionPath(collection.Stored.Ref.Path + "/" + name)
            => collection.Stored.Ref.Child(name),
        _ => throw new DavException(400, null, "This name cannot be stored."),
    };

    /// <summary>The store's outcome as the RFC 4918 9.8.5 / 9.9.4 status.</summary>
    private static DavException Failure(StoreOutcome outcome) => outcome switch
    {
        StoreOutcome.NotFound => new DavException(404, null, "The source was removed meanwhile."),
        StoreOutcome.ParentNotFound => new DavException(409, null, "The destination's parent collection does not exist."),
        // RFC 4918 10.6: "If a resource exists at the destination and the Overwrite header is 'F',
        // then the server MUST fail the request" with 412.
        StoreOutcome.PreconditionFailed or StoreOutcome.AlreadyExists => new DavException(412, null, "The destination exists and Overwrite is F."),
        StoreOutcome.SameSourceAndTarget => new DavException(403, null, "Source and destination are the same resource."),
        StoreOutcome.TooLarge => new DavException(507, null, "The copy does not fit in the store."),
        _ => new DavException(409, null, $"The store refused the operation: {outcome}."),
    };
}
