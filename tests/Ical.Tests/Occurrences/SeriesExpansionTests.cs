using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Tests.Validation;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.Occurrences;

public partial class SeriesExpansionTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static OccurrenceClock Clock(DateTimeZone? floating = null) =>
        new(DateTimeZoneProviders.Tzdb.GetZoneOrNull, floating ?? DateTimeZone.Utc);

    private static IReadOnlyList<CalendarComponent> Components(string body) =>
        TestCalendarText.Calendar(body).Components.Where(c => c.Name != "VTIMEZONE").ToList();

    private static List<Occurrence> Expand(string body, string? windowStart = null, string? windowEnd = null, DateTimeZone? floating = null, int max = 1000) =>
        SeriesExpansion.Expand(Components(body), Clock(floating), DailyRuleDouble.Expand,
            windowStart is null ? null : Utc(windowStart), windowEnd is null ? null : Utc(windowEnd), max).ToList();

    internal static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    private static string Starts(IEnumerable<Occurrence> occurrences) =>
        string.Join(" ", occurrences.Select(o => InstantPattern.General.Format(o.Start)));

    private static string Spans(IEnumerable<Occurrence> occurrences) =>
        string.Join(" ", occurrences.Select(o => $"{InstantPattern.General.Format(o.Start)}/{InstantPattern.General.Format(o.End)}"));

    private static string Event(string lines) => "BEGIN:VEVENT\nUID:u\nDTSTAMP:20240101T000000Z\n" + lines.Trim() + "\nEND:VEVENT";

    [Fact]
    public void A_single_event_is_one_occurrence_from_dtstart_to_dtend()
    {
        var result = Expand(Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z"));
        var only = Assert.Single(result);
        Assert.Equal(Utc("2024-01-05T09:00:00Z"), only.Start);
        Assert.Equal(Utc("2024-01-05T10:00:00Z"), only.End);
        Assert.False(only.IsOverride);
        Assert.Equal("20240105T090000Z", only.RecurrenceId.ToValueString());
    }

    [Fact]
    public void A_daily_rule_yields_its_instances_in_order_with_the_same_length()
    {
        var result = Expand(Event("DTSTART:20240105T090000Z\nDTEND:20240105T100000Z\nRRULE:FREQ=DAILY;COUNT=3"));
        Assert.Equal("2024-01-05T09:00:00Z/2024-01-05T10:00:00Z 2024-01-06T09:00:00Z/2024-01-06T10:00:00Z 2024-01-07T09:00:00Z/2024-01-07T10:00:00Z", Spans(result));
    }

    [Fact]
    public void A_zoned_series_keeps_its_local_time_across_a_dst_change()
    {
        // 2024-03-31 Europe/Berlin moves from +01:00 to +02:00.
        var result = Expand(Event("DTSTART;TZID=Europe/Berlin:20240330T090000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2"));
        Assert.Equal("2024-03-30T08:00:00Z 2024-03-31T07:00:00Z", Starts(result));
        Assert.Equal("TZID=Europe/Berlin:20240331T090000", result[1].RecurrenceId.ToString());
    }

    [Fact]
    public void Nominal_days_of_a_duration_are_added_in_local_time_and_the_rest_on_the_timeline()
    {
        // RFC 5545 section 3.3.6: P1D across the spring-forward night is 23 hours long.
        var result = Expand(Event("DTSTART;TZID=Europe/Berlin:20240330T120000\nDURATION:P1DT1H"));
        Assert.Equal(Utc("2024-03-31T11:00:00Z"), Assert.Single(result).End);
    }

    [Fact]
    public void A_dtend_gives_every_instance_the_same_exact_duration()
    {
        // RFC 5545 section 3.8.5.3: 24 hours measured on the first instance stay 24 hours.
        var result = Expand(Event("DTSTART;TZID=Europe/Berlin:20240329T120000\nDTEND;TZID=Europe/Berlin:20240330T120000\nRRULE:FREQ=DAILY;COUNT=3"));
        Assert.All(result, o => Assert.Equal(Duration.FromHours(24), o.End - o.Start));
    }

    [Fact]
    public void An_all_day_event_without_end_lasts_one_local_day_in_the_floating_zone()
    {
        var result = Expand(Event("DTSTART;VALUE=DATE:20240105"), floating: NewYork);
        var only = Assert.Single(result);
        Assert.Equal(Utc("2024-01-05T05:00:00Z"), only.Start);
        Assert.Equal(Utc("2024-01-06T05:00:00Z"), only.End);
        Assert.True(only.RecurrenceId.IsDate);
    }

    [Fact]
    public void A_datetime_event_without_end_is_an_instant()
    {
        var only = Assert.Single(Expand(Event("DTSTART:20240105T090000")));
        Assert.Equal(only.Start, only.End);
    }

    [Fact]
    public void A_floating_series_is_read_in_the_floating_zone()
    {
        var result = Expand(Event("DTSTART:20240105T090000\nDTEND:20240105T100000"), floating: Berlin);
        Assert.Equal(Utc("2024-01-05T08:00:00Z"), Assert.Single(result).Start);
    }

    [Fact]
    public void A_master_without_dtstart_has_no_instances()
    {
        Assert.Empty(Expand(Event("SUMMARY:x")));
    }

    [Fact]
    public void A_todo_without_dtstart_is_anchored_on_its_due()
    {
        var result = Expand("BEGIN:VTODO\nUID:t\nDUE:20240105T090000Z\nEND:VTODO");
        var only = Assert.Single(result);
        Assert.Equal(Utc("2024-01-05T09:00:00Z"), only.Start);
        Assert.Equal(only.Start, only.End);
    }
}
