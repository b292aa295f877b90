using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuroraTime.CalDav.CalDav;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Api;

/// <summary>/api/calendars: list, create (MKCALENDAR's store path), rename/recolour, delete.</summary>
internal static partial class CalendarEndpoints
{
    private const int MaxIdLength = 100;
    private const int MaxTextLength = 4096;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapMethods("/calendars", HeadRequests.GetAndHead, ListAsync).WithHead();
        api.MapPost("/calendars", CreateAsync);
        api.MapPatch("/calendars/{id}", PatchAsync);
        api.MapDelete("/calendars/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CalDavService service)
    {
        var user = ApiCaller.UserName(context)!;
        var calendars = await ApiCalendars.ListAsync(service.Store, user, context.RequestAborted);
        if (calendars.Count == 0)
        {
            // As the CalDAV tree does on first access: an account always has somewhere to put events, so the
            // web page and a phone see the same first calendar. AlreadyExists (a racing request) is fine.
            var options = service.Options;
            await service.Store.CreateCollectionAsync(new CollectionRef(user, options.DefaultCalendarName), CollectionKind.Calendar,
                new CollectionProperties(DisplayName: options.DefaultCalendarDisplayName), context.RequestAborted);
            calendars = await ApiCalendars.ListAsync(service.Store, user, context.RequestAborted);
        }
        return TypedResults.Json<IReadOnlyList<ApiCalendar>>(
            [.. calendars.Select(c => ApiCalendars.Describe(c, context, service))], ApiJsonContext.Default.IReadOnlyListApiCalendar);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CalDavService service)
    {
        var (input, error) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ApiCalendarInput);
        if (error is not null)
        {
            return error;
        }
        var errors = new Dictionary<string, string[]>();
        var id = string.IsNullOrWhiteSpace(input!.Id) ? Guid.NewGuid().ToString("N") : input.Id.Trim();
        if (id.Length > MaxIdLength || !IdPattern().IsMatch(id) || !ResourceNames.IsValidSegment(id))
        {
            errors["id"] = [$"id is 1 to {MaxIdLength} letters, digits, '.', '_' or '-', not starting with '.'."];
        }
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            errors["displayName"] = ["displayName is required."];
        }
        CheckText(input.DisplayName, "displayName", errors);
        CheckText(input.Description, "description", errors);
        CheckColor(input.Color, errors);
        var components = input.Components?.Select(c => c?.Trim().ToUpperInvariant() ?? "").ToArray() ?? [];
        if (components.Any(c => !ApiCalendars.DefaultComponents.Contains(c)))
        {
            errors["components"] = ["components lists VEVENT, VTODO or VJOURNAL."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var user = ApiCaller.UserName(context)!;
        var properties = new CollectionProperties(input.DisplayName!.Trim(), Empty(input.Description), Empty(input.Color), SupportedComponents: [.. components.Distinct()]);
        var outcome = await service.Store.CreateCollectionAsync(new CollectionRef(user, id), CollectionKind.Calendar, properties, context.RequestAborted);
        if (outcome == StoreOutcome.AlreadyExists)
        {
            return Problems.Conflict($"A calendar or collection named '{id}' exists already.");
        }
        if (outcome != StoreOutcome.Created || await ApiCalendars.FindAsync(service.Store, user, id, context.RequestAborted) is not { } created)
        {
            return Problems.NotFound("The account no longer exists.");
        }
        context.Response.Headers.Location = ApiHosting.Prefix + "/calendars/" + Uri.EscapeDataString(id);
        return TypedResults.Json(ApiCalendars.Describe(created, context, service), ApiJsonContext.Default.ApiCalendar, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>A field that is present replaces the value (null clears it); an absent field stays (RFC 7396 semantics).</summary>
    private static async Task<IResult> PatchAsync(HttpContext context, CalDavService service, string id)
    {
        var user = ApiCaller.UserName(context)!;
        if (await ApiCalendars.FindAsync(service.Store, user, id, context.RequestAborted) is not { } calendar)
        {
            return Problems.NotFound($"You have no calendar '{id}'.");
        }
        var mediaType = context.Request.ContentType?.StartsWith(JsonBody.MergePatchJson, StringComparison.OrdinalIgnoreCase) == true ? JsonBody.MergePatchJson : JsonBody.Json;
        var (node, error) = await JsonBody.ReadNodeAsync(context, mediaType);
        if (error is not null)
        {
            return error;
        }
        if (node is not JsonObject patch)
        {
            return Problems.Field("body", "The body must be a JSON object.");
        }
        var errors = new Dictionary<string, string[]>();
        var properties = calendar.Properties;
        if (patch.ContainsKey("displayName"))
        {
            var name = StringOf(patch, "displayName", errors);
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.TryAdd("displayName", ["displayName cannot be empty."]);
            }
            CheckText(name, "displayName", errors);
            properties = properties with { DisplayName = name?.Trim() };
        }
        if (patch.ContainsKey("description"))
        {
            var description = StringOf(patch, "description", errors);
            CheckText(description, "description", errors);
            properties = properties with { Description = Empty(description) };
        }
        if (patch.ContainsKey("color"))
        {
            var color = StringOf(patch, "color", errors);
            CheckColor(color, errors);
            properties = properties with { Color = Empty(color) };
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (await service.Store.UpdateCollectionPropertiesAsync(calendar.Ref, properties, context.RequestAborted) != StoreOutcome.Ok
            || await ApiCalendars.FindAsync(service.Store, user, id, context.RequestAborted) is not { } updated)
        {
            return Problems.NotFound($"You have no calendar '{id}'.");
        }
        return TypedResults.Json(ApiCalendars.Describe(updated, context, service), ApiJsonContext.Default.ApiCalendar);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, CalDavService service, string id)
    {
        var user = ApiCaller.UserName(context)!;
        if (await ApiCalendars.FindAsync(service.Store, user, id, context.RequestAborted) is not { } calendar
            || await service.Writer.DeleteCollectionAsync(calendar.Ref, context.RequestAborted) != StoreOutcome.Ok)
        {
            return Problems.NotFound($"You have no calendar '{id}'.");
        }
        return TypedResults.NoContent();
    }

    private static string? StringOf(JsonObject patch, string name, Dictionary<string, string[]> errors)
    {
        var value = patch[name];
        if (value is null)
        {
            return null;
        }
        if (value is JsonValue text && text.TryGetValue<string>(out var s))
        {
            return s;
        }
        errors[name] = [$"{name} is a string or null."];
        return null;
    }

    private static void CheckText(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is { Length: > MaxTextLength })
        {
            errors.TryAdd(field, [$"{field} is longer than {MaxTextLength} characters."]);
        }
    }

    /// <summary>Apple's calendar-color form (INTEROP.md): #RRGGBB or #RRGGBBAA.</summary>
    private static void CheckColor(string? color, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrEmpty(color) && !ColorPattern().IsMatch(color))
        {
            errors.TryAdd("color", ["color is #RRGGBB or #RRGGBBAA."]);
        }
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")]
    private static partial Regex ColorPattern();
}
