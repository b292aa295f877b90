using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Objects;

/// <summary>The CALDAV:calendar-timezone value (RFC 4791 section 5.2.2): a VCALENDAR with one VTIMEZONE.</summary>
internal static class CalendarTimeZone
{
    /// <summary>The zone the text denotes, or null when there is no usable one.</summary>
    public static DateTimeZone? ZoneOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || Parse(text) is not { } calendar)
        {
            return null;
        }
        var tzid = calendar.GetComponents("VTIMEZONE").FirstOrDefault()?.GetProperty("TZID")?.RawValue;
        return tzid is null ? null : TimeZoneResolver.Default.WithCalendar(calendar).Find(tzid);
    }

    /// <summary>
    /// RFC 4791 5.2.2: "the CALDAV:calendar-timezone property MUST be a valid iCalendar object
    /// containing exactly one valid VTIMEZONE component."
    /// </summary>
    public static string? Validate(string text)
    {
        var calendar = Parse(text);
        if (calendar is null || !calendar.Name.Equals("VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            return "calendar-timezone must be an iCalendar object.";
        }
        var zones = calendar.GetComponents("VTIMEZONE").ToList();
        if (zones.Count != 1 || zones[0].GetProperty("TZID") is null)
        {
            return "calendar-timezone must contain exactly one VTIMEZONE with a TZID.";
        }
        return null;
    }

    private static CalendarComponent? Parse(string text)
    {
        try
        {
            return CalendarParser.ParseSingle(text, IcalReaderOptions.Lenient);
        }
        catch (IcalFormatException)
        {
            return null;
        }
    }
}
