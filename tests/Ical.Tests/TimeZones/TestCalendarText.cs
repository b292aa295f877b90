using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>Text to model and back for the time-zone tests, through the engine's own reader and writer.</summary>
internal static class TestCalendarText
{
    /// <summary>The first top-level component of <paramref name="text"/> (a VTIMEZONE or a VCALENDAR).</summary>
    public static CalendarComponent Parse(string text) =>
        CalendarParser.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")))[0];

    public static string Write(CalendarComponent component) => CalendarSerializer.SerializeToString(component);
}
