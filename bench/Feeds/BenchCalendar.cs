using System.Globalization;
using System.Text;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Storage.Contract;

/// <summary>The calendars the feed benchmark loads: its own simple shape, or bench/growth's (bench/peers/workload.py).</summary>
internal static class BenchCalendar
{
    private const int Batch = 500;

    private static readonly IcalTimeEngine TimeEngine = new(RecurrenceLimits.Default);

    /// <summary>
    /// "simple": events spread over the default window (90 days back, 18 months ahead), every one in the feed,
    /// each with a TZID. "growth": workload.py's event_body(i, n): spread over 2026, every fifth weekly (COUNT=20),
    /// every third with a VALARM, UTC times; the feed holds those the window reaches.
    /// </summary>
    public static async Task LoadAsync(IStore store, CollectionRef calendar, int events, string shape)
    {
        var writes = new List<ObjectWrite>(Batch);
        for (var i = 0; i < events; i++)
        {
            var data = Encoding.UTF8.GetBytes(shape switch
            {
                "simple" => SimpleEvent(i, events),
                "growth" => GrowthEvent(i, events),
                _ => throw new ArgumentException($"unknown shape '{shape}' (simple or growth)", nameof(shape)),
            });
            var uid = $"e{i}@bench";
            // Bounds and instance index as CalDAV PUT and aurora import store them.
            var parsed = CalendarParser.ParseSingle(data);
            var (first, last) = TimeRangeFilter.OccurrenceBounds(parsed, TimeZoneResolver.Default);
            var content = new ObjectContent(data, "text/calendar", uid, "VEVENT", first, last, TimeEngine.EventInstanceIndex(parsed));
            writes.Add(new ObjectWrite(calendar.Object($"e{i}.ics"), content, WritePrecondition.None));
            if (writes.Count == Batch || i == events - 1)
            {
                await ((IBatchObjectWriter)store).PutObjectsAsync(writes);
                writes.Clear();
            }
        }
    }

    private static string SimpleEvent(int i, int events)
    {
        var start = DateTime.UtcNow.Date.AddDays(-80).AddHours(i * 7 % 24).AddDays(i * 600.0 / events);
        return $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:e{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n"
            + $"DTSTART;TZID=Europe/Berlin:{start:yyyyMMdd'T'HHmmss}\r\nDURATION:PT1H\r\nSUMMARY:Event {i} with an ordinary title\r\n"
            + $"DESCRIPTION:Some notes for event {i}\\, about a line long.\r\nLOCATION:Room {i % 40}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private static string GrowthEvent(int i, int events)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((long)i * 365 * 24 * 60 / events);
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime//bench peers//EN\r\nBEGIN:VEVENT\r\n")
            .Append(CultureInfo.InvariantCulture, $"UID:e{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n")
            .Append(CultureInfo.InvariantCulture, $"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{start.AddHours(1):yyyyMMdd'T'HHmmss'Z'}\r\n")
            .Append(CultureInfo.InvariantCulture, $"SUMMARY:Bench event {i} rev 0\r\n")
            .Append(CultureInfo.InvariantCulture, $"DESCRIPTION:Deterministic benchmark event number {i}\\, for the side-by-side run.\r\n");
        if (i % 5 == 0)
        {
            text.Append("RRULE:FREQ=WEEKLY;COUNT=20\r\n");
        }
        if (i % 3 == 0)
        {
            text.Append("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n");
        }
        return text.Append("END:VEVENT\r\nEND:VCALENDAR\r\n").ToString();
    }
}
