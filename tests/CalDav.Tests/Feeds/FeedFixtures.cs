namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>Inline calendar objects for feed tests. Every personal value contains "SECRET" so leaks are easy to find.</summary>
internal static class FeedFixtures
{
    /// <summary>A weekly series in Europe/Berlin with its own VTIMEZONE, an override, an alarm and every kind of personal data.</summary>
    public const string PrivateSeries = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:STANDARD
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:SECRET-uid-therapy@alice.example
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=Europe/Berlin:20261103T170000
        DTEND;TZID=Europe/Berlin:20261103T180000
        RRULE:FREQ=WEEKLY;COUNT=20
        CLASS:PRIVATE
        SUMMARY:SECRET therapy session
        DESCRIPTION:SECRET notes about the session
        LOCATION:SECRET clinic address
        ATTENDEE;CN=SECRET Doctor:mailto:secret.doctor@clinic.example
        ORGANIZER;CN=SECRET Alice:mailto:secret.alice@alice.example
        URL:https://secret.example/notes
        ATTACH:https://secret.example/file.pdf
        COMMENT:SECRET comment
        CONTACT:SECRET contact
        CATEGORIES:SECRET-category
        GEO:48.1;11.5
        X-APPLE-STRUCTURED-LOCATION;VALUE=URI:geo:48.1,11.5
        X-SECRET-NOTE:SECRET vendor data
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:SECRET alarm text
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:SECRET-uid-therapy@alice.example
        DTSTAMP:20261101T000000Z
        RECURRENCE-ID;TZID=Europe/Berlin:20261110T170000
        DTSTART;TZID=Europe/Berlin:20261110T190000
        DTEND;TZID=Europe/Berlin:20261110T200000
        SUMMARY:SECRET moved session
        LOCATION:SECRET other address
        END:VEVENT
        END:VCALENDAR
        """;

    public const string PublicMeeting = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:standup@example
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=America/New_York:20261124T090000
        DURATION:PT15M
        SUMMARY:Team standup
        DESCRIPTION:SECRET agenda
        LOCATION:SECRET room 4
        ATTENDEE:mailto:secret.bob@example.com
        END:VEVENT
        END:VCALENDAR
        """;

    public const string ClassifiedMeeting = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:SECRET-confidential@example
        DTSTAMP:20261101T000000Z
        DTSTART:20261125T140000Z
        DTEND:20261125T150000Z
        CLASS:CONFIDENTIAL
        SUMMARY:SECRET merger talks
        END:VEVENT
        END:VCALENDAR
        """;

    public const string FreeTime = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:free@example
        DTSTAMP:20261101T000000Z
        DTSTART:20261126T140000Z
        DTEND:20261126T150000Z
        TRANSP:TRANSPARENT
        SUMMARY:Lunch idea
        END:VEVENT
        END:VCALENDAR
        """;

    /// <summary>Ended two years before <see cref="FeedTestCalendar.Now"/>: outside the default window.</summary>
    public const string LongAgo = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:long-ago@example
        DTSTAMP:20241101T000000Z
        DTSTART:20241101T100000Z
        DTEND:20241101T110000Z
        SUMMARY:Long ago
        END:VEVENT
        END:VCALENDAR
        """;

    /// <summary>A single event with a long title, to exercise folding.</summary>
    public static string Single(string uid, DateTime startUtc, string summary) => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:20261101T000000Z
        DTSTART:{startUtc:yyyyMMdd'T'HHmmss'Z'}
        DTEND:{startUtc.AddHours(1):yyyyMMdd'T'HHmmss'Z'}
        SUMMARY:{summary}
        END:VEVENT
        END:VCALENDAR
        """;

    public static async Task PutAllAsync(FeedTestCalendar calendar)
    {
        await calendar.PutAsync("series.ics", PrivateSeries);
        await calendar.PutAsync("standup.ics", PublicMeeting);
        await calendar.PutAsync("confidential.ics", ClassifiedMeeting);
        await calendar.PutAsync("free.ics", FreeTime);
        await calendar.PutAsync("old.ics", LongAgo);
    }
}
