using System.Diagnostics;
using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.Tests.Recurrence;

/// <summary>
/// Pathological rules must finish within the limits instead of hanging the server (compare
/// sabre/vobject's BySetPosHangTest). Each test also bounds the wall time generously.
/// </summary>
public sealed class RuleExpanderLimitTests
{
    private static readonly LocalDateTime Start = new(2024, 1, 1, 9, 0);

    private static List<LocalDateTime> ExpandTimed(string rule, RecurrenceLimits limits, LocalDateTime? from = null, DateTimeZone? zone = null)
    {
        var watch = Stopwatch.StartNew();
        var result = RuleExpander.Expand(RecurrenceRule.Parse(rule), Start, zone, limits, from).ToList();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{rule} took {watch.Elapsed}");
        return result;
    }

    [Fact]
    public void AHugeCountStopsAtMaxInstances()
    {
        var result = ExpandTimed("FREQ=SECONDLY;COUNT=1000000000", new RecurrenceLimits(MaxInstances: 5_000));
        Assert.Equal(5_000, result.Count);
        Assert.Equal(Start.PlusSeconds(4_999), result[^1]);
    }

    [Fact]
    public void ARuleThatNeverMatchesEndsWithoutInstances()
    {
        Assert.Empty(ExpandTimed("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", RecurrenceLimits.Default));
        Assert.Empty(ExpandTimed("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", RecurrenceLimits.Default));
        Assert.Empty(ExpandTimed("FREQ=SECONDLY;BYMONTH=4;BYMONTHDAY=31", RecurrenceLimits.Default));
    }

    [Fact]
    public void UntilBeforeDtStartYieldsNothingAtOnce()
    {
        Assert.Empty(ExpandTimed("FREQ=SECONDLY;UNTIL=20231231T000000", RecurrenceLimits.Default));
        Assert.Empty(ExpandTimed("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31;UNTIL=20231231T000000Z", RecurrenceLimits.Default, zone: DateTimeZoneProviders.Tzdb["Europe/Berlin"]));
    }

    [Fact]
    public void BySetPosOverAHugeSetIsPickedWithoutMaterialisingIt()
    {
        // 366 days x 24 x 60 x 60 = about 31.6 million candidates per year.
        var result = ExpandTimed(
            "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR="
            + string.Join(',', Enumerable.Range(0, 24)) + ";BYMINUTE=" + string.Join(',', Enumerable.Range(0, 60))
            + ";BYSECOND=" + string.Join(',', Enumerable.Range(0, 60)) + ";BYSETPOS=-1;COUNT=3",
            RecurrenceLimits.Default);
        Assert.Equal([new LocalDateTime(2024, 12, 31, 23, 59, 59), new LocalDateTime(2025, 12, 31, 23, 59, 59), new LocalDateTime(2026, 12, 31, 23, 59, 59)], result);
    }

    [Fact]
    public void SecondlyOverYearsStopsAtMaxCandidates()
    {
        var result = ExpandTimed("FREQ=SECONDLY;BYSECOND=0", new RecurrenceLimits(MaxInstances: int.MaxValue, MaxCandidates: 200_000));
        Assert.InRange(result.Count, 1, 200_000);
        Assert.All(result, instance => Assert.Equal(0, instance.Second));
    }

    [Fact]
    public void CandidateLimitStopsARareRuleEarly()
    {
        var result = ExpandTimed("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", new RecurrenceLimits(MaxCandidates: 1_000));
        Assert.Equal([new LocalDateTime(2024, 2, 29, 9, 0)], result); // 2028 is more than 1,000 days away
    }

    [Fact]
    public void FromJumpsAheadWithoutWalkingEveryPeriod()
    {
        var from = new LocalDateTime(2900, 6, 1, 0, 0);
        var result = ExpandTimed("FREQ=MINUTELY;INTERVAL=7", new RecurrenceLimits(MaxInstances: 3, MaxCandidates: 100), from);
        Assert.Equal(3, result.Count);
        Assert.True(result[0] >= from && result[0] < from.PlusMinutes(7), result[0].ToString());
        long minutes = (long)(result[0].ToDateTimeUnspecified() - Start.ToDateTimeUnspecified()).TotalMinutes;
        Assert.Equal(0, minutes % 7); // still on DTSTART's INTERVAL grid
    }

    [Fact]
    public void ExpansionEndsAtTheLastRepresentableYear()
    {
        var result = ExpandTimed("FREQ=YEARLY;INTERVAL=1000", RecurrenceLimits.Default);
        Assert.Equal(8, result.Count);
        Assert.Equal(new LocalDateTime(9024, 1, 1, 9, 0), result[^1]);
    }
}
