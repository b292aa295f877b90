namespace AuroraTime.Ical.Reading;

/// <summary>
/// Names and parameter values that occur in nearly every calendar (RFC 5545 sections 3.2, 3.6,
/// 3.7, 3.8 and the common X- extensions), pre-made once so parsing them allocates nothing.
/// </summary>
internal static class KnownNames
{
    /// <summary>Component, property and parameter names; looked up case-insensitively.</summary>
    public static Utf8StringTable Names { get; } = Build(ignoreCase: true, NameList);

    /// <summary>
    /// The same names looked up exactly, for the reader's component and property names, which it
    /// has already upper-cased: an exact comparison is cheaper on the path every line takes.
    /// </summary>
    public static Utf8StringTable UpperCaseNames { get; } = Build(ignoreCase: false, NameList);

    /// <summary>Enumerated parameter values; looked up exactly, as values keep their case.</summary>
    public static Utf8StringTable ParameterValues { get; } = Build(ignoreCase: false,
        "DATE", "DATE-TIME", "PERIOD", "DURATION", "TEXT", "URI", "BINARY", "BASE64", "CAL-ADDRESS", "UTC-OFFSET",
        "INDIVIDUAL", "GROUP", "RESOURCE", "ROOM", "UNKNOWN", "CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT",
        "NON-PARTICIPANT", "NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED", "COMPLETED",
        "IN-PROCESS", "TRUE", "FALSE", "START", "END", "THISANDFUTURE", "PARENT", "CHILD", "SIBLING", "FREE",
        "BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE", "UTC", "text/html", "en", "en-US", "de", "de-DE");

    private static string[] NameList =>
    [
        // components (3.6)
        "VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM",
        // calendar properties (3.7)
        "VERSION", "PRODID", "CALSCALE", "METHOD",
        // component properties (3.8)
        "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "DUE", "COMPLETED", "SUMMARY", "DESCRIPTION", "LOCATION",
        "GEO", "CLASS", "CREATED", "LAST-MODIFIED", "ORGANIZER", "ATTENDEE", "CATEGORIES", "COMMENT", "CONTACT",
        "PRIORITY", "SEQUENCE", "STATUS", "TRANSP", "URL", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID",
        "RELATED-TO", "RESOURCES", "ATTACH", "PERCENT-COMPLETE", "FREEBUSY", "REQUEST-STATUS", "ACTION", "TRIGGER",
        "REPEAT", "TZID", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "TZURL", "COLOR", "IMAGE", "CONFERENCE",
        "REFRESH-INTERVAL", "SOURCE", "NAME", "ACKNOWLEDGED",
        // common extensions
        "X-WR-CALNAME", "X-WR-CALDESC", "X-WR-TIMEZONE", "X-WR-ALARMUID", "X-PUBLISHED-TTL", "X-APPLE-CALENDAR-COLOR",
        "X-APPLE-STRUCTURED-LOCATION", "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR", "X-LIC-LOCATION", "X-MOZ-GENERATION",
        "X-MOZ-LASTACK", "X-MOZ-SNOOZE-TIME", "X-MOZ-RECEIVED-SEQUENCE", "X-MOZ-RECEIVED-DTSTAMP",
        "X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-CDO-INTENDEDSTATUS", "X-MICROSOFT-CDO-ALLDAYEVENT",
        "X-MICROSOFT-CDO-IMPORTANCE", "X-MICROSOFT-CDO-INSTTYPE", "X-MICROSOFT-CDO-APPT-SEQUENCE",
        "X-MICROSOFT-CDO-OWNERAPPTID", "X-MICROSOFT-DISALLOW-COUNTER", "X-MS-OLK-CONFTYPE", "X-GOOGLE-CONFERENCE",
        "X-EVOLUTION-ALARM-UID", "X-EVOLUTION-CALDAV-HREF",
        // parameters (3.2, RFC 7986)
        "ALTREP", "CN", "CUTYPE", "DELEGATED-FROM", "DELEGATED-TO", "DIR", "ENCODING", "FMTTYPE", "FBTYPE",
        "LANGUAGE", "MEMBER", "PARTSTAT", "RANGE", "RELATED", "RELTYPE", "ROLE", "RSVP", "SENT-BY", "VALUE",
        "DISPLAY", "EMAIL", "FEATURE", "LABEL", "SCHEDULE-STATUS", "SCHEDULE-AGENT", "X-NUM-GUESTS",
    ];

    private static Utf8StringTable Build(bool ignoreCase, params string[] values)
    {
        var table = new Utf8StringTable(ignoreCase, maxEntries: values.Length * 2);
        foreach (var value in values)
        {
            table.Add(value);
        }
        return table;
    }
}
