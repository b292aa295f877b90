using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.Tests.Recurrence;

/// <summary>The 'from' window and the zone-aware UNTIL of RuleExpander.Expand.</summary>
public sealed class RuleExpanderWindowTests
{
    private static List<LocalDateTime> Expand(string rule, LocalDateTime start, LocalDateTime? from = null, DateTimeZone? zone = null, int take = 100) =>
        RuleExpander.Expand(RecurrenceRule.Parse(rule), start, zone, RecurrenceLimits.Default, from).Take(take).ToList();

    [Theory]
    [InlineData("FREQ=DAILY;INTERVAL=3")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;WKST=SU")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=TH")]
    [InlineData("FREQ=HOURLY;INTERVAL=5;BYDAY=SA")]
    [InlineData("FREQ=MINUTELY;INTERVAL=45;BYHOUR=8")]
    public void FromGivesTheSameInstancesAsWalkingFromDtStart(string rule)
    {
        var start = new LocalDateTime(2023, 12, 29, 8, 30);
        var from = new LocalDateTime(2025, 3, 4, 10, 0);
        var walked = Expand(rule, start, take: 200_000).Where(instance => instance >= from).Take(20).ToList();
        Assert.Equal(walked, Expand(rule, start, from, take: 20));
        Assert.Equal(20, walked.Count);
    }

    [Fact]
    public void FromWithCountStillCountsTheSkippedInstances()
    {
        var start = new LocalDateTime(2024, 1, 1, 9, 0);
        var result = Expand("FREQ=DAILY;COUNT=10", start, from: new LocalDateTime(2024, 1, 8, 0, 0));
        Assert.Equal([new(2024, 1, 8, 9, 0), new(2024, 1, 9, 9, 0), new(2024, 1, 10, 9, 0)], result);
    }

    [Fact]
    public void DtStartIsTheFirstInstanceAndCountsTowardCount()
    {
        var start = new LocalDateTime(2024, 1, 31, 9, 0);
        Assert.Equal([start, new(2024, 3, 31, 9, 0)], Expand("FREQ=MONTHLY;COUNT=2", start));
    }

    [Fact]
    public void UtcUntilIsComparedOnTheTimelineInTheSeriesZone()
    {
        // 09:00 in Sydney (UTC+11 in January) is 22:00 UTC the previous day.
        var sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];
        var start = new LocalDateTime(2024, 1, 10, 9, 0);
        var result = Expand("FREQ=DAILY;UNTIL=20240111T220000Z", start, zone: sydney);
        Assert.Equal([start, new(2024, 1, 11, 9, 0), new(2024, 1, 12, 9, 0)], result);
        // The same rule floating compares UNTIL as local time.
        Assert.Equal([start, new(2024, 1, 11, 9, 0)], Expand("FREQ=DAILY;UNTIL=20240111T220000Z", start));
    }

    [Fact]
    public void AnInstanceInADstGapIsComparedShiftedForward()
    {
        // RFC 5545 3.3.5: 2024-03-31 02:30 does not exist in Berlin; it means 03:30 CEST = 01:30Z.
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var start = new LocalDateTime(2024, 3, 30, 2, 30);
        Assert.Equal([start], Expand("FREQ=DAILY;UNTIL=20240331T012959Z", start, zone: berlin));
        Assert.Equal([start, new(2024, 3, 31, 2, 30)], Expand("FREQ=DAILY;UNTIL=20240331T013000Z", start, zone: berlin));
    }
}
