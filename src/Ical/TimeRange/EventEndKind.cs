namespace AuroraTime.Ical.TimeRange;

/// <summary>Where a VEVENT instance's end comes from; the RFC 4791 section 9.9 table branches on it.</summary>
public enum EventEndKind
{
    /// <summary>An explicit DTEND (or the end of an RDATE PERIOD).</summary>
    DtEnd,

    /// <summary>DTSTART + DURATION.</summary>
    Duration,

    /// <summary>Neither DTEND nor DURATION; the end is DTSTART (DATE-TIME) or DTSTART + P1D (DATE).</summary>
    None,
}
