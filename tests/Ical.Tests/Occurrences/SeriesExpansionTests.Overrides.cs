using NodaTime;

namespace AuroraTime.Ical.Tests.Occurrences;

// RFC 5545 section 3.8.4.4: "The full range of calendar components specified by a recurrence set
// is referenced by referring to just the UID property value corresponding to the calendar
// component. The RECURRENCE-ID property allows the reference to an individual instance within
// the recurrence set." ... "If the value of the "RANGE" parameter is "THISANDFUTURE", then the
// specified instance and all subsequent instances of the recurrence set are affected."
public partial class SeriesExpansionTests
{
    private static string Override(string lines) => "\nBEGIN:VEVENT\nUID:u\nDTSTAMP:20240101T000000Z\n" + lines.Trim() + "\nEND:VEVENT";

    [Fact]
    public void An_override_replaces_its_instance_and_keeps_its_recurrence_id()
    {
        var result = Expand(Event(Daily) + Override("RECURRENCE-ID:20240106T090000Z\nDTSTART:20240106T140000Z\nDTEND:20240106T150000Z\nSUMMARY:moved"));
        Assert.Equal("2024-01-05T09:00:00Z 2024-01-06T14:00:00Z 2024-01-07T09:00:00Z 2024-01-08T09:00:00Z", Starts(result));
        Assert.True(result[1].IsOverride);
        Assert.Equal("moved", result[1].Component.GetProperty("SUMMARY")!.RawValue);
        Assert.Equal("20240106T090000Z", result[1].RecurrenceId.ToValueString());
    }

    [Fact]
    public void An_override_moved_later_is_yielded_in_start_order()
    {
        var result = Expand(Event(Daily) + Override("RECURRENCE-ID:20240105T090000Z\nDTSTART:20240107T120000Z\nDTEND:20240107T130000Z"));
        Assert.Equal("2024-01-06T09:00:00Z 2024-01-07T09:00:00Z 2024-01-07T12:00:00Z 2024-01-08T09:00:00Z", Starts(result));
    }

    [Fact]
    public void An_override_can_move_an_instance_into_the_window()
    {
        var body = Event(Daily) + Override("RECURRENCE-ID:20240108T090000Z\nDTSTART:20240101T090000Z\nDTEND:20240101T100000Z");
        var result = Expand(body, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");
        Assert.Equal("2024-01-01T09:00:00Z", Starts(result));
    }

    [Fact]
    public void An_override_can_move_an_instance_out_of_the_window()
    {
        var body = Event(Daily) + Override("RECURRENCE-ID:20240106T090000Z\nDTSTART:20240301T090000Z\nDTEND:20240301T100000Z");
        Assert.Empty(Expand(body, "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z"));
    }

    [Fact]
    public void An_override_without_a_master_is_still_an_occurrence()
    {
        var result = Expand(Event("RECURRENCE-ID:20240106T090000Z\nDTSTART:20240106T100000Z\nDURATION:PT2H"));
        var only = Assert.Single(result);
        Assert.True(only.IsOverride);
        Assert.Equal(Duration.FromHours(2), only.End - only.Start);
    }

    [Fact]
    public void An_override_in_another_zone_matches_its_instance_by_instant()
    {
        var result = Expand(Event(Daily) + Override("RECURRENCE-ID;TZID=Europe/Berlin:20240106T100000\nDTSTART:20240106T140000Z\nDTEND:20240106T150000Z"));
        Assert.Equal(4, result.Count);
        Assert.Equal(Utc("2024-01-06T14:00:00Z"), result[1].Start);
    }

    [Fact]
    public void Thisandfuture_shifts_every_later_instance_by_the_override_offset()
    {
        var result = Expand(Event(Daily) + Override("RECURRENCE-ID;RANGE=THISANDFUTURE:20240107T090000Z\nDTSTART:20240107T110000Z\nDTEND:20240107T113000Z\nSUMMARY:later"));
        Assert.Equal("2024-01-05T09:00:00Z/2024-01-05T10:00:00Z 2024-01-06T09:00:00Z/2024-01-06T10:00:00Z 2024-01-07T11:00:00Z/2024-01-07T11:30:00Z 2024-01-08T11:00:00Z/2024-01-08T11:30:00Z", Spans(result));
        Assert.Equal("later", result[3].Component.GetProperty("SUMMARY")!.RawValue);
        Assert.Equal("20240108T090000Z", result[3].RecurrenceId.ToValueString());
    }

    [Fact]
    public void Thisandfuture_moving_instances_earlier_keeps_the_output_ordered()
    {
        var result = Expand(Event(Daily) + Override("RECURRENCE-ID;RANGE=THISANDFUTURE:20240107T090000Z\nDTSTART:20240105T100000Z\nDTEND:20240105T110000Z"));
        Assert.Equal("2024-01-05T09:00:00Z 2024-01-05T10:00:00Z 2024-01-06T09:00:00Z 2024-01-06T10:00:00Z", Starts(result));
    }
}
