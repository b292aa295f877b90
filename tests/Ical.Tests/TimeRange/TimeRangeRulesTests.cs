using AuroraTime.Ical.TimeRange;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeRange;

/// <summary>RFC 4791 section 9.9 tables, row by row. Times are hours on 2024-01-01 UTC.</summary>
public partial class TimeRangeRulesTests
{
    private static Instant H(int hour) => Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromHours(hour);

    private static TimeRangeWindow Range(int? start, int? end) =>
        new(start is { } s ? H(s) : null, end is { } e ? H(e) : null);

    [Fact]
    public void A_missing_start_or_end_means_minus_or_plus_infinity()
    {
        Assert.True(Range(null, null).StartsBefore(Instant.MinValue + Duration.FromDays(1)));
        Assert.True(Range(null, null).EndsAfter(Instant.MaxValue - Duration.FromDays(1)));
        Assert.False(Range(5, null).StartsBefore(H(5)));
        Assert.True(Range(5, null).StartsAtOrBefore(H(5)));
        Assert.False(Range(null, 5).EndsAfter(H(5)));
        Assert.True(Range(null, 5).EndsAtOrAfter(H(5)));
    }
}
