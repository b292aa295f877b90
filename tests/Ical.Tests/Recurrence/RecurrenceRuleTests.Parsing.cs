using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.Tests.Recurrence;

/// <summary>RFC 5545 3.3.10: reading and writing the RRULE value.</summary>
public sealed partial class RecurrenceRuleTests
{
    [Fact]
    public void EveryPartIsReadIntoItsProperty()
    {
        var rule = RecurrenceRule.Parse(
            "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYSECOND=0,30;BYMINUTE=15;BYHOUR=9,17;BYDAY=-1SU,MO;BYMONTHDAY=1,-1;"
            + "BYYEARDAY=100;BYMONTH=3;BYSETPOS=1,-1;WKST=SU");
        Assert.Equal(RecurrenceFrequency.Yearly, rule.Frequency);
        Assert.Equal(2, rule.Interval);
        Assert.Equal(10, rule.Count);
        Assert.Equal([0, 30], rule.BySecond.ToArray());
        Assert.Equal([15], rule.ByMinute.ToArray());
        Assert.Equal([9, 17], rule.ByHour.ToArray());
        Assert.Equal([new WeekdayNum(-1, IsoDayOfWeek.Sunday), new WeekdayNum(0, IsoDayOfWeek.Monday)], rule.ByDay.ToArray());
        Assert.Equal([-1, 1], rule.ByMonthDay.ToArray());
        Assert.Equal([100], rule.ByYearDay.ToArray());
        Assert.Equal([-53, 20], RecurrenceRule.Parse("FREQ=YEARLY;BYWEEKNO=20,-53").ByWeekNo.ToArray());
        Assert.Equal([3], rule.ByMonth.ToArray());
        Assert.Equal([-1, 1], rule.BySetPos.ToArray());
        Assert.Equal(IsoDayOfWeek.Sunday, rule.WeekStart);
    }

    [Theory]
    [InlineData("FREQ=DAILY;UNTIL=20240131", RecurrenceUntilKind.Date, "2024-01-31T00:00:00")]
    [InlineData("FREQ=DAILY;UNTIL=20240131T093000", RecurrenceUntilKind.Floating, "2024-01-31T09:30:00")]
    [InlineData("FREQ=DAILY;UNTIL=20240131T093000Z", RecurrenceUntilKind.Utc, "2024-01-31T09:30:00")]
    public void UntilKeepsTheFormItWasWrittenIn(string text, RecurrenceUntilKind kind, string local)
    {
        var rule = RecurrenceRule.Parse(text);
        Assert.Equal(kind, rule.UntilKind);
        Assert.Equal(local, rule.Until!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss", null));
    }

    [Theory]
    [InlineData("freq=weekly;byday=mo,we", "FREQ=WEEKLY;BYDAY=MO,WE")]
    [InlineData("FREQ=DAILY;COUNT=3;", "FREQ=DAILY;COUNT=3")]
    [InlineData("FREQ=DAILY;;INTERVAL=1", "FREQ=DAILY")]
    [InlineData("RRULE:FREQ=MONTHLY;BYMONTHDAY=15,1,15", "FREQ=MONTHLY;BYMONTHDAY=1,15")]
    [InlineData("FREQ=WEEKLY;BYDAY=WE,MO,MO;WKST=MO", "FREQ=WEEKLY;BYDAY=MO,WE")]
    [InlineData("FREQ=WEEKLY;COUNT=2;COUNT=2", "FREQ=WEEKLY;COUNT=2")]
    [InlineData("BYDAY=+1MO;FREQ=MONTHLY", "FREQ=MONTHLY;BYDAY=1MO")]
    public void HarmlessDeviationsAreAcceptedAndWrittenCanonically(string text, string canonical)
    {
        Assert.Equal(canonical, RecurrenceRule.Parse(text).ToString());
    }

    [Fact]
    public void CanonicalTextPutsPartsInGrammarOrder()
    {
        var rule = RecurrenceRule.Parse("WKST=SU;BYSETPOS=-1;BYMONTH=1;BYDAY=MO;INTERVAL=3;UNTIL=20301231T000000Z;FREQ=YEARLY");
        Assert.Equal("FREQ=YEARLY;UNTIL=20301231T000000Z;INTERVAL=3;BYDAY=MO;BYMONTH=1;BYSETPOS=-1;WKST=SU", rule.ToString());
    }

    [Fact]
    public void ExtensionPartsAreKeptForTheRoundTrip()
    {
        var rule = RecurrenceRule.Parse("FREQ=DAILY;X-NAME=Value;COUNT=2");
        Assert.Equal("FREQ=DAILY;COUNT=2;X-NAME=Value", rule.ToString());
        Assert.Equal(rule, RecurrenceRule.Parse(rule.ToString()));
    }

    [Fact]
    public void RulesWithTheSameCanonicalTextAreEqual()
    {
        var a = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=MO,WE");
        var b = RecurrenceRule.Parse("freq=weekly;byday=we,mo;wkst=mo");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=MO"));
    }
}
