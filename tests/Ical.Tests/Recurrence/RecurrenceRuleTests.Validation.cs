using AuroraTime.Ical.Recurrence;

namespace AuroraTime.Ical.Tests.Recurrence;

/// <summary>RFC 5545 3.3.10 MUST / MUST NOT: invalid rules fail with IcalFormatException and a reason.</summary>
public sealed partial class RecurrenceRuleTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("COUNT=3", "no FREQ")]
    [InlineData("FREQ=FORTNIGHTLY", "FREQ value")]
    [InlineData("FREQ=DAILY;COUNT=3;UNTIL=20240101", "COUNT and UNTIL")]
    [InlineData("FREQ=DAILY;INTERVAL=0", "INTERVAL")]
    [InlineData("FREQ=DAILY;INTERVAL=-2", "INTERVAL")]
    [InlineData("FREQ=DAILY;COUNT=0", "COUNT")]
    [InlineData("FREQ=DAILY;COUNT=ten", "not an integer")]
    [InlineData("FREQ=DAILY;COUNT=99999999999", "not an integer")]
    [InlineData("FREQ=DAILY;COUNT=2;COUNT=3", "appears twice")]
    [InlineData("FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO")]
    [InlineData("FREQ=MONTHLY;BYYEARDAY=3", "BYYEARDAY")]
    [InlineData("FREQ=WEEKLY;BYYEARDAY=3", "BYYEARDAY")]
    [InlineData("FREQ=DAILY;BYYEARDAY=3", "BYYEARDAY")]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY")]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO", "ordinal")]
    [InlineData("FREQ=DAILY;BYDAY=-1FR", "ordinal")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", "BYWEEKNO")]
    [InlineData("FREQ=YEARLY;BYDAY=54MO", "out of range")]
    [InlineData("FREQ=YEARLY;BYDAY=0MO", "ordinal")]
    [InlineData("FREQ=YEARLY;BYDAY=XX", "weekday")]
    [InlineData("FREQ=DAILY;BYHOUR=24", "BYHOUR")]
    [InlineData("FREQ=DAILY;BYMINUTE=60", "BYMINUTE")]
    [InlineData("FREQ=DAILY;BYSECOND=61", "BYSECOND")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=-367", "BYYEARDAY")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO")]
    [InlineData("FREQ=YEARLY;BYMONTH=13", "BYMONTH")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS")]
    [InlineData("FREQ=MONTHLY;BYSETPOS=1", "another BYxxx")]
    [InlineData("FREQ=DAILY;WKST=XY", "WKST")]
    [InlineData("FREQ=DAILY;UNTIL=20240230", "valid date")]
    [InlineData("FREQ=DAILY;UNTIL=2024-01-01", "UNTIL")]
    [InlineData("FREQ=DAILY;UNTIL=20240101Z", "UTC designator")]
    [InlineData("FREQ=DAILY;RSCALE=HEBREW", "Unknown rule part")]
    [InlineData("FREQ=DAILY;BYHOUR=1 2", "not an integer")]
    [InlineData("FREQ", "NAME=VALUE")]
    public void InvalidRulesAreRejectedWithTheReason(string text, string reasonFragment)
    {
        var error = Assert.Throws<IcalFormatException>(() => RecurrenceRule.Parse(text));
        Assert.Contains(reasonFragment, error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.False(RecurrenceRule.TryParse(text, out var rule, out var reason));
        Assert.Null(rule);
        Assert.Equal(error.Reason, reason);
    }

    [Fact]
    public void TryParseOfNullReportsInsteadOfThrowing()
    {
        Assert.False(RecurrenceRule.TryParse(null!, out _, out var reason));
        Assert.NotNull(reason);
    }
}
