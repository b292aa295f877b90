using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

// RFC 5545 section 3.3.5:
// "If, based on the definition of the referenced time zone, the local time described occurs more
// than once (when changing from daylight to standard time), the DATE-TIME value refers to the first
// occurrence of the referenced time. Thus, TZID=America/New_York:20071104T013000 indicates November
// 4, 2007 at 1:30 A.M. EDT (UTC-04:00). If the local time described does not occur (when changing
// from standard to daylight time), the DATE-TIME value is interpreted using the UTC offset before
// the gap in local times. Thus, TZID=America/New_York:20070311T023000 indicates March 11, 2007 at
// 3:30 A.M. EDT (UTC-04:00), one hour after 1:30 A.M. EST (UTC-05:00)."
public class LocalTimeResolutionTests
{
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;

    public static TheoryData<string, string, string> GapsAndOverlaps => new()
    {
        // zone, local time, expected instant
        // The RFC's own two examples.
        { "America/New_York", "2007-11-04T01:30:00", "2007-11-04T05:30:00Z" },
        { "America/New_York", "2007-03-11T02:30:00", "2007-03-11T07:30:00Z" },
        // Gap: the start of the gap itself is shifted by the whole gap.
        { "America/New_York", "2007-03-11T02:00:00", "2007-03-11T07:00:00Z" },
        { "Europe/Berlin", "2024-03-31T02:30:00", "2024-03-31T01:30:00Z" },
        { "Europe/Berlin", "2024-10-27T02:30:00", "2024-10-27T00:30:00Z" },
        // Southern hemisphere: spring forward in October, fall back in April.
        { "Australia/Sydney", "2024-10-06T02:30:00", "2024-10-05T16:30:00Z" },
        { "Australia/Sydney", "2024-04-07T02:30:00", "2024-04-06T15:30:00Z" },
        // A 30-minute shift: 02:15 does not exist and becomes 02:45 at +11:00.
        { "Australia/Lord_Howe", "2024-10-06T02:15:00", "2024-10-05T15:45:00Z" },
        { "Australia/Lord_Howe", "2024-04-07T01:45:00", "2024-04-06T14:45:00Z" },
        // A whole skipped day: Apia went from 2011-12-29 23:59:59 (-10) to 2011-12-31 00:00 (+14).
        { "Pacific/Apia", "2011-12-30T12:00:00", "2011-12-30T22:00:00Z" },
        // An ordinary time is just mapped.
        { "Asia/Kolkata", "2024-06-01T09:00:00", "2024-06-01T03:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(GapsAndOverlaps))]
    public void Resolves_gaps_forward_and_overlaps_to_the_first_occurrence(string zoneId, string local, string expected)
    {
        var resolved = LocalTimeResolution.Resolve(ParseLocal(local), Tzdb[zoneId]);

        Assert.Equal(NodaTime.Text.InstantPattern.General.Parse(expected).Value, resolved.ToInstant());
    }

    [Fact]
    public void The_RFC_overlap_example_is_in_daylight_time()
    {
        var resolved = LocalTimeResolution.Resolve(ParseLocal("2007-11-04T01:30:00"), Tzdb["America/New_York"]);

        Assert.Equal(Offset.FromHours(-4), resolved.Offset);
        Assert.Equal(ParseLocal("2007-11-04T01:30:00"), resolved.LocalDateTime);
    }

    [Fact]
    public void The_RFC_gap_example_reads_as_half_past_three_daylight_time()
    {
        var resolved = LocalTimeResolution.Resolve(ParseLocal("2007-03-11T02:30:00"), Tzdb["America/New_York"]);

        Assert.Equal(Offset.FromHours(-4), resolved.Offset);
        Assert.Equal(ParseLocal("2007-03-11T03:30:00"), resolved.LocalDateTime);
    }

    [Fact]
    public void A_zone_read_from_a_VTIMEZONE_resolves_the_same_way()
    {
        var zone = VTimeZoneReader.FromComponent(TestCalendarText.Parse(VTimeZoneFixtures.NewYork));

        Assert.Equal(Instant.FromUtc(2007, 3, 11, 7, 30), LocalTimeResolution.Resolve(ParseLocal("2007-03-11T02:30:00"), zone).ToInstant());
        Assert.Equal(Instant.FromUtc(2007, 11, 4, 5, 30), LocalTimeResolution.Resolve(ParseLocal("2007-11-04T01:30:00"), zone).ToInstant());
    }

    private static LocalDateTime ParseLocal(string text) =>
        NodaTime.Text.LocalDateTimePattern.ExtendedIso.Parse(text).Value;
}
