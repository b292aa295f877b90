using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;

namespace AuroraTime.Server.Api.Events;

/// <summary>
/// iCalendar to API JSON: the series master (the VEVENT without RECURRENCE-ID, RFC 5545 section
/// 3.8.4.4) of a stored calendar object, as <see cref="ApiEvent"/>.
/// </summary>
internal static class EventReader
{
    /// <summary>The VEVENT the API shows and edits, or null when the object holds no event.</summary>
    public static CalendarComponent? Master(CalendarComponent vcalendar) =>
        vcalendar.GetComponents("VEVENT").FirstOrDefault(e => e.GetProperty("RECURRENCE-ID") is null)
        ?? vcalendar.GetComponents("VEVENT").FirstOrDefault();

    public static ApiEvent Read(CalendarComponent vcalendar, CalendarComponent master, string? etag, string? href)
    {
        var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
        var start = DateOf(master.GetProperty("DTSTART"));
        var end = start is { } s ? EndOf(master, s, zones) : null;
        var reminders = new List<ApiReminder>();
        var index = 0;
        foreach (var alarm in master.GetComponents("VALARM"))
        {
            if (EventAlarms.TryDescribe(alarm, index, out var reminder))
            {
                reminders.Add(reminder);
            }
            index++;
        }
        return new ApiEvent(
            Uid: master.GetProperty("UID")?.RawValue.Trim(),
            Title: Text(master, "SUMMARY"),
            Start: start is { } shownStart ? EventTimes.Format(shownStart) : null,
            End: end is { } shownEnd ? EventTimes.Format(shownEnd) : null,
            AllDay: start is { IsDate: true },
            TimeZone: start is { } zoned ? EventTimes.ZoneName(zoned, zones) : null,
            Location: Text(master, "LOCATION"),
            Description: Text(master, "DESCRIPTION"),
            Status: master.GetProperty("STATUS")?.RawValue.Trim().ToLowerInvariant(),
            Recurrence: master.GetProperty("RRULE")?.RawValue.Trim(),
            Reminders: reminders,
            Etag: etag,
            Href: href);
    }

    /// <summary>DTEND, or DTSTART + DURATION, shown in the start's zone; null when the event has neither.</summary>
    private static IcalDateTime? EndOf(CalendarComponent master, IcalDateTime start, TimeZoneResolver zones)
    {
        if (DateOf(master.GetProperty("DTEND")) is { } end)
        {
            return EventTimes.InSameZoneAs(end, start, zones);
        }
        return master.GetProperty("DURATION") is { } duration && IcalDuration.TryParse(duration.RawValue.Trim(), out var length)
            ? EventTimes.Plus(start, length, zones)
            : null;
    }

    private static IcalDateTime? DateOf(CalendarProperty? property)
    {
        if (property is null)
        {
            return null;
        }
        try
        {
            return IcalDateTime.FromProperty(property);
        }
        catch (IcalFormatException)
        {
            return null; // Stored data passed the validator; a value it let through leniently is shown as absent.
        }
    }

    private static string? Text(CalendarComponent component, string name) =>
        component.GetProperty(name) is { } property ? TextValue.Unescape(property.RawValue) : null;
}
