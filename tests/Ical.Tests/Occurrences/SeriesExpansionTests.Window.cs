using AuroraTime.Ical.Occurrences;

namespace AuroraTime.Ical.Tests.Occurrences;

public partial class SeriesExpansionTests
{
    private const string Endless = "DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY";

    [Fact]
    public void A_window_keeps_instances_that_overlap_it()
    {
        // 09:30 to next day 09:00: the first instance overlaps its start, the second starts at its end (excluded).
        var result = Expand(Event(Endless), "2024-01-10T09:30:00Z", "2024-01-11T09:00:00Z");
        Assert.Equal("2024-01-10T09:00:00Z", Starts(result));
    }

    [Fact]
    public void A_window_includes_zero_length_instances_at_its_start()
    {
        var result = Expand(Event("DTSTART:20240105T090000Z\nRRULE:FREQ=DAILY"), "2024-01-10T09:00:00Z", "2024-01-11T09:00:00Z");
        Assert.Equal("2024-01-10T09:00:00Z", Starts(result));
    }

    [Fact]
    public void An_endless_series_stops_at_the_window_end_without_pulling_further()
    {
        var counting = new DailyRuleDouble.Counting();
        var result = SeriesExpansion.Expand(Components(Event(Endless)), Clock(), counting.Expand,
            Utc("2024-01-10T00:00:00Z"), Utc("2024-01-13T00:00:00Z"), 1000).ToList();
        Assert.Equal(3, result.Count);
        Assert.InRange(counting.Pulled, 3, 8);
    }

    [Fact]
    public void The_instance_limit_stops_an_endless_series()
    {
        Assert.Equal(50, Expand(Event(Endless), max: 50).Count);
    }

    [Fact]
    public void Expansion_is_lazy()
    {
        var counting = new DailyRuleDouble.Counting();
        var first = SeriesExpansion.Expand(Components(Event(Endless)), Clock(), counting.Expand, null, null, 1_000_000).Take(5).ToList();
        Assert.Equal(5, first.Count);
        Assert.InRange(counting.Pulled, 5, 10);
    }
}
