using AuroraTime.Ical.TimeRange;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeRange;

public partial class TimeRangeRulesTests
{
    private static Instant? At(int? hour) => hour is { } h ? H(h) : null;

    private static bool Todo(int? start, int? end, int? dtStart = null, int? plusDuration = null, int? due = null, int? completed = null, int? created = null) =>
        TimeRangeRules.TodoOverlaps(Range(start, end), At(dtStart), At(plusDuration), At(due), At(completed), At(created));

    // | Y | Y | N | * | * | (start  <= DTSTART+DURATION)  AND
    // |   |   |   |   |   | ((end   >  DTSTART)  OR (end   >= DTSTART+DURATION))
    [Theory]
    [InlineData(12, 13, true)]  // start <= DTSTART+DURATION: inclusive end of the to-do
    [InlineData(13, 14, false)]
    [InlineData(9, 10, false)]  // end > DTSTART fails, end >= 12 fails
    [InlineData(9, 11, true)]
    public void Todo_with_dtstart_and_duration(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, dtStart: 10, plusDuration: 12));

    [Fact]
    public void Todo_with_dtstart_and_zero_duration_matches_a_range_ending_at_it()
    {
        // end >= DTSTART+DURATION holds when the range ends exactly at a zero-length to-do.
        Assert.True(Todo(9, 10, dtStart: 10, plusDuration: 10));
    }

    // | Y | N | Y | * | * | ((start <  DUE)      OR  (start <= DTSTART)) AND
    // |   |   |   |   |   | ((end   >  DTSTART)  OR  (end   >= DUE))
    [Theory]
    [InlineData(11, 12, true)]
    [InlineData(12, 13, false)] // start < DUE fails, start <= DTSTART fails
    [InlineData(8, 10, false)]  // end > DTSTART fails, end >= DUE fails
    [InlineData(8, 11, true)]
    public void Todo_with_dtstart_and_due(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, dtStart: 10, due: 12));

    [Fact]
    public void Todo_with_due_before_dtstart_still_matches_a_range_at_dtstart()
    {
        // (start <= DTSTART) rescues the first clause; (end > DTSTART) the second.
        Assert.True(Todo(10, 11, dtStart: 10, due: 8));
    }

    // | Y | N | N | * | * | (start  <= DTSTART)  AND (end >  DTSTART)
    [Theory]
    [InlineData(10, 11, true)]
    [InlineData(9, 10, false)]
    [InlineData(11, 12, false)]
    public void Todo_with_dtstart_only(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, dtStart: 10, completed: 1, created: 0));

    // | N | N | Y | * | * | (start  <  DUE)      AND (end >= DUE)
    [Theory]
    [InlineData(11, 12, true)]  // end >= DUE: inclusive
    [InlineData(12, 13, false)] // start < DUE: exclusive
    [InlineData(10, 11, false)]
    public void Todo_with_due_only(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, due: 12, completed: 1, created: 0));

    // | N | N | N | Y | Y | ((start <= CREATED)  OR  (start <= COMPLETED)) AND
    // |   |   |   |   |   | ((end   >= CREATED)  OR  (end   >= COMPLETED))
    [Theory]
    [InlineData(5, 6, true)]    // between created and completed
    [InlineData(8, 9, true)]    // start <= COMPLETED, end >= COMPLETED
    [InlineData(9, 10, false)]  // after completion
    [InlineData(1, 2, false)]   // before creation
    [InlineData(2, 3, true)]    // end >= CREATED: inclusive
    public void Todo_with_completed_and_created(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, completed: 8, created: 3));

    // | N | N | N | Y | N | (start  <= COMPLETED) AND (end  >= COMPLETED)
    [Theory]
    [InlineData(8, 9, true)]
    [InlineData(7, 8, true)]
    [InlineData(9, 10, false)]
    [InlineData(6, 7, false)]
    public void Todo_with_completed_only(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, completed: 8));

    // | N | N | N | N | Y | (end    >  CREATED)
    [Theory]
    [InlineData(1, 4, true)]
    [InlineData(1, 3, false)]
    [InlineData(100, 101, true)]
    public void Todo_with_created_only(int start, int end, bool expected) =>
        Assert.Equal(expected, Todo(start, end, created: 3));

    // | N | N | N | N | N | TRUE
    [Fact]
    public void Todo_with_no_time_properties_matches_every_range() =>
        Assert.True(Todo(-1000, -999));
}
