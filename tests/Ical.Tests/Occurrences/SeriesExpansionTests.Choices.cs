namespace AuroraTime.Ical.Tests.Occurrences;

// Behaviour where RFC 5545 leaves room, as documented on OccurrenceExpander.
public partial class SeriesExpansionTests
{
    [Fact]
    public void An_override_of_an_excluded_instance_is_still_yielded()
    {
        var body = Event(Daily + "\nEXDATE:20240106T090000Z") + Override("RECURRENCE-ID:20240106T090000Z\nDTSTART:20240106T150000Z\nDTEND:20240106T160000Z");
        Assert.Equal("2024-01-05T09:00:00Z 2024-01-06T15:00:00Z 2024-01-07T09:00:00Z 2024-01-08T09:00:00Z", Starts(Expand(body)));
    }

    [Fact]
    public void An_override_matching_no_instance_is_still_yielded()
    {
        var body = Event(Daily) + Override("RECURRENCE-ID:20240106T093000Z\nDTSTART:20240106T150000Z\nDTEND:20240106T160000Z");
        Assert.Equal(5, Expand(body).Count);
    }

    [Fact]
    public void The_latest_thisandfuture_override_governs_the_instances_after_it()
    {
        var body = Event(Daily)
            + Override("RECURRENCE-ID;RANGE=THISANDFUTURE:20240106T090000Z\nDTSTART:20240106T100000Z\nDTEND:20240106T110000Z")
            + Override("RECURRENCE-ID;RANGE=THISANDFUTURE:20240108T090000Z\nDTSTART:20240108T070000Z\nDTEND:20240108T080000Z");
        Assert.Equal("2024-01-05T09:00:00Z 2024-01-06T10:00:00Z 2024-01-07T10:00:00Z 2024-01-08T07:00:00Z", Starts(Expand(body)));
    }
}
