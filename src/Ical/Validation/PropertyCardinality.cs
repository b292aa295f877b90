using System.Collections.Frozen;

namespace AuroraTime.Ical.Validation;

/// <summary>
/// The "REQUIRED, but MUST NOT occur more than once" and "OPTIONAL, but MUST NOT occur more than
/// once" lists of RFC 5545 section 3.6 per component. Properties that may repeat are not listed.
/// </summary>
internal static class PropertyCardinality
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> AtMostOnceByComponent =
        new Dictionary<string, FrozenSet<string>>(StringComparer.OrdinalIgnoreCase)
        {
            // RFC 5545 section 3.6.1 (eventprop); RRULE is only "SHOULD NOT occur more than once".
            ["VEVENT"] = Set("DTSTAMP", "UID", "DTSTART", "CLASS", "CREATED", "DESCRIPTION", "GEO",
                "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PRIORITY", "SEQUENCE", "STATUS", "SUMMARY",
                "TRANSP", "URL", "RECURRENCE-ID", "DTEND", "DURATION"),
            // RFC 5545 section 3.6.2 (todoprop)
            ["VTODO"] = Set("DTSTAMP", "UID", "CLASS", "COMPLETED", "CREATED", "DESCRIPTION", "DTSTART",
                "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PERCENT-COMPLETE", "PRIORITY",
                "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "URL", "DUE", "DURATION"),
            // RFC 5545 section 3.6.3 (jourprop); DESCRIPTION may repeat in a journal.
            ["VJOURNAL"] = Set("DTSTAMP", "UID", "CLASS", "CREATED", "DTSTART", "LAST-MODIFIED",
                "ORGANIZER", "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "URL"),
            // RFC 5545 section 3.6.4 (fbprop)
            ["VFREEBUSY"] = Set("DTSTAMP", "UID", "CONTACT", "DTSTART", "DTEND", "ORGANIZER", "URL"),
            // RFC 5545 section 3.6.6 (audioprop, dispprop, emailprop)
            ["VALARM"] = Set("ACTION", "TRIGGER", "DURATION", "REPEAT", "DESCRIPTION", "SUMMARY"),
            // RFC 5545 section 3.6 (calprops)
            ["VCALENDAR"] = Set("PRODID", "VERSION", "CALSCALE", "METHOD"),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when RFC 5545 allows <paramref name="property"/> at most once in <paramref name="component"/>.</summary>
    public static bool IsAtMostOnce(string component, string property) =>
        AtMostOnceByComponent.TryGetValue(component, out var set) && set.Contains(property);

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
