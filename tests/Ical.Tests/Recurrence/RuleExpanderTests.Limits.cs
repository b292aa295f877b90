using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.Tests.Recurrence;

/// <summary>
/// Pathological rules must finish within the limits instead of hanging the server (compare
/// sabre/vobject's BySetPosHangTest). The proof is the work done, not the time taken: each test
/// reads how many candidate days and times the expansion examined (<c>RuleExpansion.CandidatesExamined</c>)
/// and checks it against the budget, so the load of a shared CI machine cannot decide the outcome.
/// </summary>
public sealed class RuleExpanderLimitTests
{
    private static readonly LocalDateTime Start = new(2024, 1, 1, 9, 0);

    /// <summary>
    /// The budget is checked between periods, so the last period can pass it by its own size: up to
    /// 366 days of a yearly period, and as many instances of them.
    /// </summary>
    private const long OnePeriod = 2 * 366;

    /// <summary>
    /// Only against a real hang (an endless loop that examines nothing): no case here examines more
    /// than about 225 thousand candidates, well under a second of one core, so two minutes hold at any load.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    /// <summary>Expands the rule and returns its instances and the candidates examined, which must stay within the budget.</summary>
    private static (List<LocalDateTime> Instances, long Candidates) ExpandCounted(
        string rule, RecurrenceLimits limits, LocalDateTime? from = null, DateTimeZone? zone = null)
    {
        var expansion = new RuleExpansion(RecurrenceRule.Parse(rule), Start, zone, limits, from);
        var run = Task.Run(() => expansion.Run().ToList());
        Assert.True(run.Wait(HangGuard), $"{rule} was still expanding after {HangGuard}: a hang");
        var candidates = expansion.CandidatesExamined;
        Assert.True(candidates <= limits.MaxCandidates + OnePeriod, $"{rule} examined {candidates} candidates, over its budget of {limits.MaxCandidates}");
        return (run.Result, candidates);
    }

    [Fact]
    public void AHugeCountStopsAtMaxInstances()
    {
        var (result, candidates) = ExpandCounted("FREQ=SECONDLY;COUNT=1000000000", new RecurrenceLimits(MaxInstances: 5_000));
        Assert.Equal(5_000, result.Count);
        Assert.Equal(Start.PlusSeconds(4_999), result[^1]);
        Assert.InRange(candidates, 5_000, 3 * 5_000); // a few candidates per instance, not COUNT's billion
    }

    [Fact]
    public void ARuleThatNeverMatchesEndsWithoutInstances()
    {
        // The candidate budget ends the search: each rule stops right at it, whatever the rule.
        var budget = new RecurrenceLimits(MaxCandidates: 100_000);
        foreach (var rule in new[] { "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=SECONDLY;BYMONTH=4;BYMONTHDAY=31" })
        {
            var (result, candidates) = ExpandCounted(rule, budget);
            Assert.Empty(result);
            Assert.InRange(candidates, budget.MaxCandidates, budget.MaxCandidates + OnePeriod);
        }

        // With the production limits a yearly rule reaches the last representable year (9999) before
        // the budget: 28 or 29 February days a year, about 225 thousand candidates.
        var (yearly, yearlyCandidates) = ExpandCounted("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", RecurrenceLimits.Default);
        Assert.Empty(yearly);
        Assert.InRange(yearlyCandidates, 1, RecurrenceLimits.Default.MaxCandidates - 1);
    }

    [Fact]
    public void UntilBeforeDtStartYieldsNothingAtOnce()
    {
        var (secondly, secondlyCandidates) = ExpandCounted("FREQ=SECONDLY;UNTIL=20231231T000000", RecurrenceLimits.Default);
        Assert.Empty(secondly);
        Assert.InRange(secondlyCandidates, 0, OnePeriod); // "at once": the first period already ends it
        var (minutely, minutelyCandidates) = ExpandCounted(
            "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31;UNTIL=20231231T000000Z", RecurrenceLimits.Default, zone: DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        Assert.Empty(minutely);
        Assert.InRange(minutelyCandidates, 0, OnePeriod);
    }

    [Fact]
    public void BySetPosOverAHugeSetIsPickedWithoutMaterialisingIt()
    {
        // 366 days x 24 x 60 x 60 = about 31.6 million candidates per year.
        var (result, candidates) = ExpandCounted(
            "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR="
            + string.Join(',', Enumerable.Range(0, 24)) + ";BYMINUTE=" + string.Join(',', Enumerable.Range(0, 60))
            + ";BYSECOND=" + string.Join(',', Enumerable.Range(0, 60)) + ";BYSETPOS=-1;COUNT=3",
            RecurrenceLimits.Default);
        Assert.Equal([new LocalDateTime(2024, 12, 31, 23, 59, 59), new LocalDateTime(2025, 12, 31, 23, 59, 59), new LocalDateTime(2026, 12, 31, 23, 59, 59)], result);
        // Not materialised: each year costs its days and the one picked time, not 31.6 million.
        Assert.InRange(candidates, 3, 10_000);
    }

    [Fact]
    public void SecondlyOverYearsStopsAtMaxCandidates()
    {
        var limits = new RecurrenceLimits(MaxInstances: int.MaxValue, MaxCandidates: 200_000);
        var (result, candidates) = ExpandCounted("FREQ=SECONDLY;BYSECOND=0", limits);
        Assert.InRange(result.Count, 1, 200_000);
        Assert.All(result, instance => Assert.Equal(0, instance.Second));
        Assert.InRange(candidates, limits.MaxCandidates, limits.MaxCandidates + OnePeriod);
    }

    [Fact]
    public void CandidateLimitStopsARareRuleEarly()
    {
        var (result, _) = ExpandCounted("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", new RecurrenceLimits(MaxCandidates: 1_000));
        Assert.Equal([new LocalDateTime(2024, 2, 29, 9, 0)], result); // 2028 is more than 1,000 days away
    }

    [Fact]
    public void FromJumpsAheadWithoutWalkingEveryPeriod()
    {
        var from = new LocalDateTime(2900, 6, 1, 0, 0);
        var (result, candidates) = ExpandCounted("FREQ=MINUTELY;INTERVAL=7", new RecurrenceLimits(MaxInstances: 3, MaxCandidates: 100), from);
        Assert.Equal(3, result.Count);
        Assert.True(result[0] >= from && result[0] < from.PlusMinutes(7), result[0].ToString());
        long minutes = (long)(result[0].ToDateTimeUnspecified() - Start.ToDateTimeUnspecified()).TotalMinutes;
        Assert.Equal(0, minutes % 7); // still on DTSTART's INTERVAL grid
        Assert.InRange(candidates, 3, 100); // a walk from 2024 would need about 66 million
    }

    [Fact]
    public void ExpansionEndsAtTheLastRepresentableYear()
    {
        var (result, _) = ExpandCounted("FREQ=YEARLY;INTERVAL=1000", RecurrenceLimits.Default);
        Assert.Equal(8, result.Count);
        Assert.Equal(new LocalDateTime(9024, 1, 1, 9, 0), result[^1]);
    }
}
