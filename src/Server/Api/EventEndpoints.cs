using System.Globalization;
using System.Text.Json;
using AuroraTime.CalDav.CalDav;
using AuroraTime.Server.Api.Events;
using AuroraTime.Storage.Contract;
using NodaTime.Text;

namespace AuroraTime.Server.Api;

/// <summary>/api/calendars/{id}/events: list by range, get, create, replace, merge-patch, delete.</summary>
internal static class EventEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Attempts of a write without If-Match that lost a race with another writer (the merge is redone each time).</summary>
    private const int UnconditionalAttempts = 3;

    public static void Map(RouteGroupBuilder api)
    {
        var events = api.MapGroup("/calendars/{id}/events");
        events.MapMethods("", HeadRequests.GetAndHead, ListAsync).WithHead();
        events.MapPost("", CreateAsync);
        events.MapMethods("/{uid}", HeadRequests.GetAndHead, GetAsync).WithHead();
        events.MapPut("/{uid}", PutAsync);
        events.MapPatch("/{uid}", PatchAsync);
        events.MapDelete("/{uid}", DeleteAsync);
    }

    private static async Task<ApiEventStore?> OpenAsync(HttpContext context, CalDavService service, string id) =>
        await ApiCalendars.FindAsync(service.Store, ApiCaller.UserName(context)!, id, context.RequestAborted) is { } calendar
            ? new ApiEventStore(service, calendar, context)
            : null;

    private static IResult NoCalendar(string id) => Problems.NotFound($"You have no calendar '{id}'.");

    private static IResult NoEvent(string uid) => Problems.NotFound($"This calendar has no event with UID '{uid}'.");

    private static async Task<IResult> ListAsync(HttpContext context, CalDavService service, string id)
    {
        if (await OpenAsync(context, service, id) is not { } events)
        {
            return NoCalendar(id);
        }
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var from = Instant(query["from"], "from", errors);
        var to = Instant(query["to"], "to", errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors["to"] = ["to must be after from."];
        }
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            errors["limit"] = [$"limit is a whole number from 1 to {MaxLimit}."];
        }
        string? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor
            && (after = EventCursor.Decode(cursor, id, query["from"], query["to"])) is null)
        {
            errors["cursor"] = ["The cursor is malformed or belongs to another listing (calendar, from, to)."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var page = await service.Store.FindObjectsInRangeAsync(events.Calendar.Ref, new TimeRangeQuery(from, to, "VEVENT"), new PageRequest(limit, after), context.RequestAborted);
        var zone = service.Writer.FloatingZoneOf(events.Calendar);
        var items = new List<ApiEvent>();
        foreach (var stored in page.Items)
        {
            // The store's range test is a prefilter; RFC 4791 section 9.9 decides.
            if (ApiEventStore.Parse(stored) is { } parsed
                && ((from is null && to is null) || parsed.Calendar.GetComponents("VEVENT").Any(e => service.TimeEngine.Overlaps(parsed.Calendar, e, from, to, zone))))
            {
                items.Add(events.Describe(parsed));
            }
        }
        var next = page.Next is { } storeNext ? EventCursor.Encode(id, query["from"], query["to"], storeNext) : null;
        return TypedResults.Json(new ApiEventPage(items, next), ApiJsonContext.Default.ApiEventPage);
    }

    private static async Task<IResult> GetAsync(HttpContext context, CalDavService service, string id, string uid)
    {
        uid = EventUidSegment.Decode(context, uid);
        if (await OpenAsync(context, service, id) is not { } events)
        {
            return NoCalendar(id);
        }
        if (await events.FindAsync(uid, context.RequestAborted) is not { } stored)
        {
            return NoEvent(uid);
        }
        return Event(context, events.Describe(stored), StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CalDavService service, string id)
    {
        if (await OpenAsync(context, service, id) is not { } events)
        {
            return NoCalendar(id);
        }
        var (input, error) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ApiEvent);
        if (error is not null)
        {
            return error;
        }
        var uid = string.IsNullOrWhiteSpace(input!.Uid) ? ApiEventStore.NewUid() : input.Uid.Trim();
        if (EventValidator.Validate(input, uid, out var errors) is not { } draft)
        {
            return Problems.Validation(errors);
        }
        if (await events.FindAsync(uid, context.RequestAborted) is not null)
        {
            return Problems.Conflict($"An event with UID '{uid}' exists already; PUT or PATCH it instead.");
        }
        return await WriteAsync(context, events, draft, null, WritePrecondition.IfNoneMatchAny);
    }

    private static async Task<IResult> PutAsync(HttpContext context, CalDavService service, string id, string uid)
    {
        uid = EventUidSegment.Decode(context, uid);
        if (await OpenAsync(context, service, id) is not { } events)
        {
            return NoCalendar(id);
        }
        if (ApiPreconditions.IfMatch(context) is not { } condition)
        {
            return ApiPreconditions.Malformed();
        }
        var (input, error) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ApiEvent);
        if (error is not null)
        {
            return error;
        }
        if (!string.IsNullOrEmpty(input!.Uid) && input.Uid != uid)
        {
            return Problems.Field("uid", "uid differs from the UID in the URL; the UID of an event cannot change.");
        }
        if (EventValidator.Validate(input, uid, out var errors) is not { } draft)
        {
            return Problems.Validation(errors);
        }
        return await ReplaceAsync(context, events, uid, condition, _ => draft, whenMissing: draft);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, CalDavService service, string id, string uid)
    {
        uid = EventUidSegment.Decode(context, uid);
        if (await OpenAsync(context, service, id) is not { } events)
        {
            return NoCalendar(id);
        }
        if (ApiPreconditions.IfMatch(context) is not { } condition)
        {
            return ApiPreconditions.Malformed();
        }
        var (patch, error) = await JsonBody.ReadNodeAsync(context, JsonBody.MergePatchJson);
        if (error is not null)
        {
            return error;
        }
        IResult? invalid = null;
        var result = await ReplaceAsync(context, events, uid, condition, current =>
        {
            // RFC 7396: the patch applies to the current JSON representation of the event.
            var shown = events.Describe(current);
            var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(shown, ApiJsonContext.Default.ApiEvent), patch);
            var (input, bad) = JsonBody.Deserialize(merged, ApiJsonContext.Default.ApiEvent);
            if (bad is not null)
            {
                invalid = bad;
                return null;
            }
            if (input!.Uid != shown.Uid || input.Etag != shown.Etag || input.Href != shown.Href)
            {
                invalid = Problems.Field("uid", "uid, etag and href are set by the server and cannot be patched.");
                return null;
            }
            var draft = EventValidator.Validate(input, uid, out var errors);
            invalid = draft is null ? Problems.Validation(errors) : null;
            return draft;
        }, whenMissing: null);
        return invalid ?? result;
    }

    /// <summary>
    /// Replaces (or, for PUT without If-Match, creates) the event. The merge reads the current object
    /// and writes conditioned on its ETag, so properties the JSON does not show are never lost to a
    /// concurrent CalDAV write; without the client's If-Match a lost race is retried with the new version.
    /// </summary>
    private static async Task<IResult> ReplaceAsync(
        HttpContext context, ApiEventStore events, string uid, WritePrecondition condition, Func<StoredEvent, EventDraft?> draftOf, EventDraft? whenMissing)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await events.FindAsync(uid, context.RequestAborted);
            if (current is null)
            {
                // RFC 9110 13.1.1: If-Match is false when there is no current representation.
                if (condition.Kind != PreconditionKind.None)
                {
                    return Problems.PreconditionFailed();
                }
                return whenMissing is null ? NoEvent(uid) : await WriteAsync(context, events, whenMissing, null, WritePrecondition.IfNoneMatchAny);
            }
            if (!condition.IsSatisfiedBy(current.Object.ETag))
            {
                return Problems.PreconditionFailed();
            }
            if (draftOf(current) is not { } draft)
            {
                return Problems.Field("body", "The event is invalid.");
            }
            var result = await WriteAsync(context, events, draft, current, WritePrecondition.IfMatch(current.Object.ETag));
            if (result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status412PreconditionFailed } || condition.Kind != PreconditionKind.None || attempt == UnconditionalAttempts)
            {
                return result;
            }
        }
    }

    private static async Task<IResult> WriteAsync(HttpContext context, ApiEventStore events, EventDraft draft, StoredEvent? existing, WritePrecondition precondition)
    {
        var (written, error, created) = await events.WriteAsync(draft, existing, precondition, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }
        if (created)
        {
            context.Response.Headers.Location = $"{ApiHosting.Prefix}/calendars/{Uri.EscapeDataString(events.Calendar.Ref.Path)}/events/{Uri.EscapeDataString(draft.Uid)}";
        }
        return Event(context, written!, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, CalDavService service, string id, string uid)
    {
        uid = EventUidSegment.Decode(context, uid);
        if (await OpenAsync(context, service, id) is not { } events)
        {
            return NoCalendar(id);
        }
        if (ApiPreconditions.IfMatch(context) is not { } condition)
        {
            return ApiPreconditions.Malformed();
        }
        if (await events.FindAsync(uid, context.RequestAborted) is not { } current)
        {
            return NoEvent(uid);
        }
        return await service.Writer.DeleteAsync(events.Calendar, current.Object.Href, condition, context.RequestAborted) switch
        {
            StoreOutcome.Ok => TypedResults.NoContent(),
            StoreOutcome.PreconditionFailed => Problems.PreconditionFailed(),
            _ => NoEvent(uid),
        };
    }

    private static IResult Event(HttpContext context, ApiEvent shown, int status)
    {
        context.Response.Headers.ETag = shown.Etag;
        return TypedResults.Json(shown, ApiJsonContext.Default.ApiEvent, statusCode: status);
    }

    private static NodaTime.Instant? Instant(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }
        // An offset form (2026-11-22T09:00:00+01:00) is an instant too.
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success)
        {
            return offset.Value.ToInstant();
        }
        errors[field] = [$"{field} is an ISO 8601 instant such as 2026-11-01T00:00:00Z."];
        return null;
    }
}
