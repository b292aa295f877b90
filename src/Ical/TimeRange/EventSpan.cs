using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// One VEVENT instance fixed on the timeline, with exactly what the VEVENT table of RFC 4791
/// section 9.9 looks at: the start, where the end comes from, and the end.
/// </summary>
public readonly record struct EventSpan(Instant Start, EventEndKind EndKind, Instant End)
{
    /// <summary>The RFC 4791 section 9.9 VEVENT test of this instance against [start, end).</summary>
    public bool Overlaps(TimeRangeWindow range) => TimeRangeRules.EventOverlaps(range, Start, EndKind, End);
}
