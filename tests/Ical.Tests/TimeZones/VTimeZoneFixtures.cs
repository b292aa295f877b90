namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>VTIMEZONEs as real clients send them (shapes from Apple Calendar, Thunderbird, Outlook).</summary>
internal static class VTimeZoneFixtures
{
    /// <summary>US Eastern with the 2007 rule change as two observance pairs (Apple Calendar style).</summary>
    public const string NewYork = """
        BEGIN:VTIMEZONE
        TZID:America/New_York
        X-LIC-LOCATION:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:19870405T020000
        RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:19671029T020000
        RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
        """;

    /// <summary>Europe/Berlin as Thunderbird writes it (DTSTART in 1970, last-Sunday rules).</summary>
    public const string Berlin = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """;

    /// <summary>Australia/Sydney: southern hemisphere, DST spans the new year.</summary>
    public const string Sydney = """
        BEGIN:VTIMEZONE
        TZID:Australia/Sydney
        BEGIN:STANDARD
        TZOFFSETFROM:+1100
        TZOFFSETTO:+1000
        TZNAME:AEST
        DTSTART:20080406T030000
        RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU
        END:STANDARD
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+1000
        TZOFFSETTO:+1100
        TZNAME:AEDT
        DTSTART:20081005T020000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU
        END:DAYLIGHT
        END:VTIMEZONE
        """;

    /// <summary>Asia/Tokyo: one STANDARD observance, no DST.</summary>
    public const string Tokyo = """
        BEGIN:VTIMEZONE
        TZID:Asia/Tokyo
        BEGIN:STANDARD
        TZOFFSETFROM:+0900
        TZOFFSETTO:+0900
        TZNAME:JST
        DTSTART:19700101T000000
        END:STANDARD
        END:VTIMEZONE
        """;

    /// <summary>Europe/London for 2020-2023 spelled with RDATEs only (as some generators emit history).</summary>
    public const string LondonRDates = """
        BEGIN:VTIMEZONE
        TZID:London RDATE only
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0000
        TZOFFSETTO:+0100
        TZNAME:BST
        DTSTART:20200329T010000
        RDATE:20210328T010000,20220327T010000
        RDATE:20230326T010000
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0000
        TZNAME:GMT
        DTSTART:20201025T020000
        RDATE;VALUE=DATE-TIME:20211031T020000,20221030T020000,20231029T020000
        END:STANDARD
        END:VTIMEZONE
        """;

    /// <summary>Outlook's shape: Windows display name as TZID, DTSTART in 1601.</summary>
    public const string OutlookWesternEurope = """
        BEGIN:VTIMEZONE
        TZID:W. Europe Standard Time
        BEGIN:STANDARD
        DTSTART:16010101T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010101T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
        END:DAYLIGHT
        END:VTIMEZONE
        """;
}
