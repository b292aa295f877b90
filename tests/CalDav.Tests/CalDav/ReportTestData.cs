namespace AuroraTime.CalDav.Tests.CalDav;

/// <summary>A calendar filled with the objects the REPORT tests query.</summary>
internal static class ReportTestData
{
    public const string Calendar = "/calendars/alice/default/";

    /// <summary>Weekly on Mondays 10:00Z from 2026-01-05, five times; the third moved to Wednesday.</summary>
    public static readonly string Weekly = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//t//EN
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20260101T000000Z
        DTSTART:20260105T100000Z
        DTEND:20260105T110000Z
        RRULE:FREQ=WEEKLY;COUNT=5
        SUMMARY:Standup
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID:20260119T100000Z
        DTSTART:20260121T150000Z
        DTEND:20260121T160000Z
        SUMMARY:Standup (moved)
        END:VEVENT
        END:VCALENDAR

        """.Replace("\n", "\r\n");

    public static async Task FillAsync(CalDavTestHost host)
    {
        await host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1");
        Assert.Equal(201, (await host.PutAsync(Calendar + "weekly.ics", Weekly)).Status);
        Assert.Equal(201, (await host.PutAsync(Calendar + "lunch.ics", Ics.Event("lunch", "20260210T120000Z", "20260210T130000Z", "Lunch with Ünal", "LOCATION;LANGUAGE=de:Kantine\r\nTRANSP:TRANSPARENT\r\n"))).Status);
        Assert.Equal(201, (await host.PutAsync(Calendar + "review.ics", Ics.Event("review", "20260301T090000Z", "20260301T100000Z", "Quarterly REVIEW", "STATUS:TENTATIVE\r\n"))).Status);
        Assert.Equal(201, (await host.PutAsync(Calendar + "todo.ics", Ics.Todo("todo", "20260110T120000Z", "Write report"))).Status);
    }

    public static string Query(string filter, string prop = "<D:getetag/>") => $"""
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop>{prop}</D:prop>
          <C:filter><C:comp-filter name="VCALENDAR">{filter}</C:comp-filter></C:filter>
        </C:calendar-query>
        """;
}
