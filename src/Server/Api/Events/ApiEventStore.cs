using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;
using AuroraTime.Reminders;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Server.Api.Events;

/// <summary>A stored event as the API sees it: where it is, its bytes parsed, and its master VEVENT.</summary>
internal sealed record StoredEvent(StoredObject Object, CalendarComponent Calendar, CalendarComponent Master);

/// <summary>
/// Reads and writes events of one caller's calendar. Writes go through the CalDAV write path
/// (<see cref="CalendarObjectWriter"/>): the same validation, store preconditions, change log and
/// observers as a CalDAV PUT, so reminders re-plan and feeds and sync tokens change alike.
/// </summary>
internal sealed class ApiEventStore(CalDavService service, StoredCollection calendar, HttpContext context)
{
    public StoredCollection Calendar => calendar;

    /// <summary>The event with this UID, or null (also when the object is not an event).</summary>
    public async Task<StoredEvent?> FindAsync(string uid, CancellationToken cancellationToken)
    {
        if (uid.Length == 0 || await service.Store.FindHrefByUidAsync(calendar.Ref, uid, cancellationToken) is not { } href
            || await service.Store.GetObjectAsync(calendar.Ref.Object(href), cancellationToken) is not { } stored)
        {
            return null;
        }
        return Parse(stored);
    }

    public static StoredEvent? Parse(StoredObject stored)
    {
        try
        {
            var vcalendar = CalendarParser.Parse(stored.Data.Span, IcalReaderOptions.Lenient).FirstOrDefault();
            return vcalendar is not null && EventReader.Master(vcalendar) is { } master ? new StoredEvent(stored, vcalendar, master) : null;
        }
        catch (IcalFormatException)
        {
            return null;
        }
    }

    public ApiEvent Describe(StoredEvent stored) =>
        EventReader.Read(stored.Calendar, stored.Master, stored.Object.ETag.Quoted, Href(stored.Object.Href));

    /// <summary>The object's CalDAV URL path, as DAV:href shows it.</summary>
    public string Href(string name) =>
        DavLayout.CollectionPath(calendar.Ref.UserName, calendar.Ref.Path).Append(DavSegment.FromName(name))
            .ToHref(context.Request.PathBase.ToUriComponent(), isCollection: false);

    /// <summary>Writes the draft into <paramref name="existing"/> (or a new object) under <paramref name="precondition"/>.</summary>
    public async Task<(ApiEvent? Event, IResult? Error, bool Created)> WriteAsync(
        EventDraft draft, StoredEvent? existing, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var owner = context.RequestServices.GetService<ReminderOptions>()?.OwnerAddress(calendar.Ref.UserName) ?? calendar.Ref.UserName;
        var composed = EventComposer.Compose(draft, existing?.Calendar, Instant.FromDateTimeOffset(now), owner);
        var href = existing?.Object.Href ?? NewName(draft.Uid);
        var result = await service.Writer.PutAsync(calendar, href, CalendarSerializer.Serialize(composed), "text/calendar; charset=utf-8", precondition, cancellationToken);
        if (result.Invalid is { } invalid)
        {
            // The draft passed the field checks, so this is the CalDAV validation of the whole object (RFC 4791 section 4.1).
            return (null, Problems.Validation(new Dictionary<string, string[]> { ["event"] = [invalid.Message] }, $"{invalid.Precondition.LocalName}: {invalid.Message}"), false);
        }
        var stored = result.Stored!;
        switch (stored.Outcome)
        {
            case StoreOutcome.Created or StoreOutcome.Updated:
                var calendarData = result.Calendar!;
                var shown = EventReader.Read(calendarData, EventReader.Master(calendarData)!, stored.ETag!.Value.Quoted, Href(href));
                return (shown, null, stored.Outcome == StoreOutcome.Created);
            case StoreOutcome.PreconditionFailed:
                return (null, Problems.PreconditionFailed(), false);
            case StoreOutcome.UidConflict:
                return (null, Problems.Conflict($"Another object in this calendar has the UID '{draft.Uid}'."), false);
            case StoreOutcome.TooLarge:
                return (null, Problems.Of(StatusCodes.Status413PayloadTooLarge, "Event too large.", $"The limit is {service.Store.Limits.MaxObjectSize} bytes."), false);
            default:
                return (null, Problems.NotFound("The calendar no longer exists."), false);
        }
    }

    /// <summary>A resource name for a new event: its UID when that is a plain, safe name, else a fresh UUID.</summary>
    private static string NewName(string uid) =>
        uid.Length <= 200 && uid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' || c is '_' || c is '.' || c is '@') && ResourceNames.IsValidSegment(uid + ".ics")
            ? uid + ".ics"
            : Guid.NewGuid().ToString() + ".ics";

    public static string NewUid() => Guid.NewGuid().ToString();
}
