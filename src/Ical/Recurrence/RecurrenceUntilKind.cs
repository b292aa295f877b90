namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// How the UNTIL rule part was written (RFC 5545 section 3.3.10): as a DATE, a floating DATE-TIME
/// or a UTC DATE-TIME. The kind decides how UNTIL is compared with the instances.
/// </summary>
public enum RecurrenceUntilKind
{
    None,
    Date,
    Floating,
    Utc,
}
