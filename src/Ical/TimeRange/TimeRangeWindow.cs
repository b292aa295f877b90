using NodaTime;

namespace AuroraTime.Ical.TimeRange;

/// <summary>
/// A CALDAV:time-range (RFC 4791 section 9.9): inclusive <see cref="Start"/>, exclusive
/// <see cref="End"/>, both UTC instants. "If the start attribute is not specified, then the value
/// of start is assumed to be equal to -infinity; if end is not specified, +infinity."
/// </summary>
public readonly record struct TimeRangeWindow(Instant? Start, Instant? End)
{
    public static TimeRangeWindow Unbounded => default;

    /// <summary>start &lt; value, with a missing start as -infinity.</summary>
    public bool StartsBefore(Instant value) => Start is not { } s || s < value;

    /// <summary>start &lt;= value.</summary>
    public bool StartsAtOrBefore(Instant value) => Start is not { } s || s <= value;

    /// <summary>end &gt; value, with a missing end as +infinity.</summary>
    public bool EndsAfter(Instant value) => End is not { } e || e > value;

    /// <summary>end &gt;= value.</summary>
    public bool EndsAtOrAfter(Instant value) => End is not { } e || e >= value;
}
