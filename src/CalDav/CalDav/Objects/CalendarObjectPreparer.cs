using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Validation;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Objects;

/// <summary>Why a calendar object was refused: the status, the RFC 4791 precondition, and a reason for people.</summary>
public sealed record PreparationFailure(int Status, XName Precondition, string Message);

/// <summary>Either what to store or why not.</summary>
public sealed record PreparedObject(ObjectContent? Content, PreparationFailure? Failure, CalendarComponent? Calendar);

/// <summary>
/// Turns a PUT body into what the store keeps (RFC 4791 section 5.3.2): parse leniently, validate
/// as a calendar object resource, and compute UID, component type and the occurrence bounds for the
/// time-range prefilter. Never throws for bad content.
/// </summary>
internal sealed class CalendarObjectPreparer(CalDavService service)
{
    public PreparedObject Prepare(ReadOnlyMemory<byte> data, string? contentType, StoredCollection collection)
    {
        // RFC 4791 5.3.2.1 CALDAV:supported-calendar-data: "The resource submitted in the PUT
        // request ... MUST be a supported media type (i.e., iCalendar)".
        var mediaType = contentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(mediaType) && !mediaType.Equals("text/calendar", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(403, CalDavNames.SupportedCalendarDataPrecondition, $"Calendar collections store text/calendar, not {mediaType}.");
        }
        IReadOnlyList<CalendarComponent> topLevel;
        try
        {
            topLevel = CalendarParser.Parse(data.Span, IcalReaderOptions.Lenient);
        }
        catch (IcalFormatException e)
        {
            // RFC 4791 5.3.2.1 CALDAV:valid-calendar-data: "MUST be valid iCalendar data".
            return Fail(403, CalDavNames.ValidCalendarData, $"line {e.Line}: {e.Reason}");
        }
        var supported = collection.Properties.SupportedComponents;
        var options = CalDavValidationOptions.Lenient with
        {
            IsKnownTimeZone = tzid => TimeZoneResolver.Default.Find(tzid) is not null,
        };
        if (supported.Length > 0)
        {
            options = options with { SupportedComponents = supported.ToHashSet(StringComparer.OrdinalIgnoreCase) };
        }
        var result = CalDavObjectValidator.Validate(topLevel, options);
        if (!result.IsValid)
        {
            var precondition = result.Failure switch
            {
                CalDavPrecondition.SupportedCalendarComponent => CalDavNames.SupportedCalendarComponent,
                CalDavPrecondition.ValidCalendarObjectResource => CalDavNames.ValidCalendarObjectResource,
                _ => CalDavNames.ValidCalendarData,
            };
            return Fail(403, precondition, $"line {result.Line}: {result.Message}");
        }
        var calendar = topLevel[0];
        var zone = FloatingZoneOf(collection);
        var (first, last) = service.TimeEngine.Bounds(calendar, zone);
        // RFC 4791 5.3.2.1 CALDAV:min-date-time / max-date-time: no date "earlier than" / "after" the advertised limits.
        if (first is { } f && f + Duration.FromDays(1) < service.Options.MinDateTime)
        {
            return Fail(403, CalDavNames.MinDateTimePrecondition, "The object has dates before min-date-time.");
        }
        if (last is { } l && l - Duration.FromDays(1) > service.Options.MaxDateTime)
        {
            return Fail(403, CalDavNames.MaxDateTimePrecondition, "The object has dates after max-date-time.");
        }
        var content = new ObjectContent(data, "text/calendar; charset=utf-8", result.Uid, result.ComponentType, first, last,
            service.TimeEngine.EventInstanceIndex(calendar));
        return new PreparedObject(content, null, calendar);
    }

    /// <summary>RFC 4791 9.9: floating times are read in the calendar's calendar-timezone.</summary>
    public DateTimeZone FloatingZoneOf(StoredCollection collection) =>
        CalendarTimeZone.ZoneOf(collection.Properties.TimeZone) ?? service.Options.FloatingZone;

    private static PreparedObject Fail(int status, XName precondition, string message) =>
        new(null, new PreparationFailure(status, precondition, message), null);
}
