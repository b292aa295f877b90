namespace AuroraTime.Ical.Recurrence;

/// <summary>The FREQ rule part (RFC 5545 section 3.3.10), finest to coarsest.</summary>
public enum RecurrenceFrequency
{
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}
