using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

public partial class VTimeZoneBuilderTests
{
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;

    public static TheoryData<string, int, int> ZonesAndWindows => new()
    {
        { "Europe/Berlin", 2000, 2030 },
        { "Europe/London", 1990, 2030 },
        { "Europe/Dublin", 1990, 2030 },         // tzdb models winter as negative DST
        { "Europe/Lisbon", 1970, 2030 },
        { "Europe/Moscow", 2000, 2030 },         // permanent DST 2011, back to standard 2014
        { "America/New_York", 1960, 2040 },      // 1967, 1974-75, 1987 and 2007 rule changes
        { "America/Los_Angeles", 2000, 2030 },
        { "America/Phoenix", 1960, 2030 },
        { "America/St_Johns", 2000, 2030 },      // -03:30
        { "America/Sao_Paulo", 2000, 2030 },     // DST abolished 2019
        { "America/Santiago", 2000, 2030 },
        { "America/Mexico_City", 2000, 2030 },   // DST abolished 2022
        { "America/Havana", 2000, 2030 },
        { "Australia/Sydney", 2000, 2030 },
        { "Australia/Lord_Howe", 2000, 2030 },   // 30-minute DST
        { "Pacific/Auckland", 2000, 2030 },
        { "Pacific/Chatham", 2000, 2030 },       // +12:45
        { "Pacific/Apia", 2005, 2030 },          // skipped 2011-12-30
        { "Asia/Tokyo", 2000, 2030 },
        { "Asia/Kolkata", 1940, 2030 },
        { "Asia/Kathmandu", 1980, 2030 },        // +05:45 since 1986
        { "Asia/Tehran", 2000, 2030 },           // DST abolished 2022
        { "Asia/Jerusalem", 2000, 2030 },
        { "Asia/Amman", 2000, 2030 },
        { "Africa/Cairo", 2005, 2030 },          // DST dropped and reintroduced
        { "Africa/Casablanca", 2010, 2030 },     // Ramadan suspensions
        { "Antarctica/Troll", 2005, 2030 },      // two-hour DST
        { "UTC", 2000, 2030 },
        { "Etc/GMT-14", 2000, 2030 },
    };

    [Theory]
    [MemberData(nameof(ZonesAndWindows))]
    public void Read_back_through_VTimeZoneReader_gives_the_zones_offsets(string id, int fromYear, int toYear)
    {
        var zone = Tzdb[id];
        var from = ZoneComparison.Utc(fromYear);
        var to = ZoneComparison.Utc(toYear);

        var vtimezone = VTimeZoneBuilder.Build(zone, from, to);
        var readBack = VTimeZoneReader.FromComponent(vtimezone);

        var instants = ZoneComparison.SampleInstants(zone, from, to, Duration.FromHours(71)).Append(to).ToList();
        Assert.Empty(ZoneComparison.Differences(zone, readBack, instants));
    }

    [Theory]
    [MemberData(nameof(ZonesAndWindows))]
    public void Every_transition_in_the_interval_appears_at_the_same_instant(string id, int fromYear, int toYear)
    {
        var zone = Tzdb[id];
        var from = ZoneComparison.Utc(fromYear);
        var to = ZoneComparison.Utc(toYear);

        var readBack = VTimeZoneReader.FromComponent(VTimeZoneBuilder.Build(zone, from, to));

        var expected = zone.GetZoneIntervals(from, to).Where(i => i.HasStart && i.Start > from)
            .Where(i => i.WallOffset != zone.GetUtcOffset(i.Start - Duration.Epsilon))
            .Select(i => (i.Start, i.WallOffset)).ToList();
        var actual = readBack.GetZoneIntervals(from, to).Where(i => i.HasStart && i.Start > from)
            .Where(i => i.WallOffset != readBack.GetUtcOffset(i.Start - Duration.Epsilon))
            .Select(i => (i.Start, i.WallOffset)).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_regular_zone_is_written_as_one_RRULE_per_observance()
    {
        var vtimezone = VTimeZoneBuilder.Build(Tzdb["Europe/Berlin"], ZoneComparison.Utc(2000), ZoneComparison.Utc(2030));

        Assert.Equal("Europe/Berlin", vtimezone.GetProperty("TZID")!.RawValue);
        Assert.Equal("Europe/Berlin", vtimezone.GetProperty("X-LIC-LOCATION")!.RawValue);
        var rules = vtimezone.Components.SelectMany(c => c.GetProperties("RRULE")).Select(p => p.RawValue).ToList();
        Assert.Contains("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", rules);
        Assert.Contains("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", rules);
        Assert.Empty(vtimezone.Components.SelectMany(c => c.GetProperties("RDATE")));
        var daylight = Assert.Single(vtimezone.GetComponents("DAYLIGHT"));
        Assert.Equal("+0100", daylight.GetProperty("TZOFFSETFROM")!.RawValue);
        Assert.Equal("+0200", daylight.GetProperty("TZOFFSETTO")!.RawValue);
        Assert.Equal("CEST", daylight.GetProperty("TZNAME")!.RawValue);
    }

    [Fact]
    public void A_rule_that_ends_inside_the_interval_gets_an_UNTIL()
    {
        var vtimezone = VTimeZoneBuilder.Build(Tzdb["America/New_York"], ZoneComparison.Utc(1990), ZoneComparison.Utc(2020));

        var rules = vtimezone.Components.SelectMany(c => c.GetProperties("RRULE")).Select(p => p.RawValue).ToList();
        Assert.Contains("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z", rules);
        Assert.Contains("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", rules);
    }

    [Fact]
    public void Irregular_transitions_are_written_as_RDATEs()
    {
        var vtimezone = VTimeZoneBuilder.Build(Tzdb["Africa/Casablanca"], ZoneComparison.Utc(2012), ZoneComparison.Utc(2018));

        Assert.NotEmpty(vtimezone.Components.SelectMany(c => c.GetProperties("RDATE")));
    }

    [Fact]
    public void A_zone_without_transitions_is_one_standard_observance()
    {
        var vtimezone = VTimeZoneBuilder.Build(DateTimeZone.ForOffset(Offset.FromHours(3)), ZoneComparison.Utc(2000), ZoneComparison.Utc(2030));

        var standard = Assert.Single(vtimezone.Components);
        Assert.Equal("STANDARD", standard.Name);
        Assert.Equal("+0300", standard.GetProperty("TZOFFSETTO")!.RawValue);
        Assert.Equal("+0300", standard.GetProperty("TZOFFSETFROM")!.RawValue);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void The_whole_range_of_time_can_be_written_and_read_back(string id)
    {
        var zone = Tzdb[id];

        var readBack = VTimeZoneReader.FromComponent(VTimeZoneBuilder.Build(zone, Instant.MinValue, Instant.MaxValue));

        var instants = ZoneComparison.SampleInstants(zone, ZoneComparison.Utc(1600), ZoneComparison.Utc(2100), Duration.FromDays(17));
        Assert.Empty(ZoneComparison.Differences(zone, readBack, instants));
    }

    [Fact]
    public void An_interval_that_ends_before_it_starts_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() =>
            VTimeZoneBuilder.Build(Tzdb["Europe/Berlin"], ZoneComparison.Utc(2030), ZoneComparison.Utc(2000)));
    }

    internal static CalendarComponent BuildForOracle(string id) =>
        VTimeZoneBuilder.Build(Tzdb[id], ZoneComparison.Utc(2000), ZoneComparison.Utc(2030));
}
