using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

public class VTimeZoneReaderTests
{
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;

    private static DateTimeZone Read(string text) => VTimeZoneReader.FromComponent(TestCalendarText.Parse(text));

    public static TheoryData<string, string, int, int> RealisticZones => new()
    {
        // fixture, tzdb zone, first and last year (exclusive) in which the VTIMEZONE is the whole truth
        { nameof(VTimeZoneFixtures.NewYork), "America/New_York", 1988, 2200 },
        { nameof(VTimeZoneFixtures.Berlin), "Europe/Berlin", 1997, 2200 },
        { nameof(VTimeZoneFixtures.Sydney), "Australia/Sydney", 2009, 2200 },
        { nameof(VTimeZoneFixtures.Tokyo), "Asia/Tokyo", 1970, 2200 },
        { nameof(VTimeZoneFixtures.LondonRDates), "Europe/London", 2020, 2024 },
    };

    private static string Fixture(string name) =>
        (string)typeof(VTimeZoneFixtures).GetField(name)!.GetRawConstantValue()!;

    [Theory]
    [MemberData(nameof(RealisticZones))]
    public void Offsets_match_tzdb_at_thousands_of_instants(string fixture, string tzdbId, int fromYear, int toYear)
    {
        var zone = Read(Fixture(fixture));
        var expected = Tzdb[tzdbId];
        var instants = ZoneComparison.SampleInstants(
            expected, ZoneComparison.Utc(fromYear), ZoneComparison.Utc(toYear), Duration.FromHours(Math.Min(97, toYear - fromYear))).ToList();

        Assert.True(instants.Count > 400, $"only {instants.Count} samples");
        Assert.Empty(ZoneComparison.Differences(expected, zone, instants));
    }

    [Fact]
    public void New_York_follows_the_1987_rule_until_2006_and_the_2007_rule_after()
    {
        var zone = Read(VTimeZoneFixtures.NewYork);

        // 2006: first Sunday in April (April 2) and last Sunday in October (October 29).
        Assert.Equal(Offset.FromHours(-5), zone.GetUtcOffset(Instant.FromUtc(2006, 4, 2, 6, 59)));
        Assert.Equal(Offset.FromHours(-4), zone.GetUtcOffset(Instant.FromUtc(2006, 4, 2, 7, 0)));
        Assert.Equal(Offset.FromHours(-4), zone.GetUtcOffset(Instant.FromUtc(2006, 10, 29, 5, 59)));
        Assert.Equal(Offset.FromHours(-5), zone.GetUtcOffset(Instant.FromUtc(2006, 10, 29, 6, 0)));
        // 2007: second Sunday in March (March 11) and first Sunday in November (November 4).
        Assert.Equal(Offset.FromHours(-4), zone.GetUtcOffset(Instant.FromUtc(2007, 3, 11, 7, 0)));
        Assert.Equal(Offset.FromHours(-4), zone.GetUtcOffset(Instant.FromUtc(2007, 4, 1, 12, 0)));
        Assert.Equal(Offset.FromHours(-5), zone.GetUtcOffset(Instant.FromUtc(2007, 11, 4, 6, 0)));
        Assert.Equal("EDT", zone.GetZoneInterval(Instant.FromUtc(2007, 7, 1, 0, 0)).Name);
        Assert.Equal("EST", zone.GetZoneInterval(Instant.FromUtc(2007, 12, 1, 0, 0)).Name);
    }

    [Fact]
    public void Before_the_earliest_onset_the_zone_uses_that_observances_TZOFFSETFROM()
    {
        var zone = Read(VTimeZoneFixtures.Sydney);

        // The earliest onset is the STANDARD one on 2008-04-06 03:00 (+11:00), so before it: +11:00.
        Assert.Equal(Offset.FromHours(11), zone.GetUtcOffset(Instant.FromUtc(2008, 4, 5, 15, 59)));
        Assert.Equal(Offset.FromHours(11), zone.GetUtcOffset(Instant.FromUtc(1900, 1, 1, 0, 0)));
        Assert.Equal(Offset.FromHours(10), zone.GetUtcOffset(Instant.FromUtc(2008, 4, 5, 16, 0)));
    }

    [Fact]
    public void Unbounded_rules_hold_in_arbitrarily_far_future_years()
    {
        var zone = Read(VTimeZoneFixtures.Berlin);

        var lastSundayOfMarch = new LocalDate(9998, 3, 31).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Sunday));
        var onset = (lastSundayOfMarch + new LocalTime(1, 0)).InUtc().ToInstant(); // 02:00 at +01:00
        Assert.Equal(Offset.FromHours(1), zone.GetUtcOffset(onset - Duration.FromSeconds(1)));
        Assert.Equal(Offset.FromHours(2), zone.GetUtcOffset(onset));
        Assert.Equal(Offset.FromHours(2), zone.GetUtcOffset(Instant.FromUtc(9998, 7, 1, 0, 0)));
        Assert.Equal(Offset.FromHours(1), zone.GetUtcOffset(Instant.FromUtc(9998, 12, 1, 0, 0)));
        var instants = ZoneComparison.SampleInstants(
            Tzdb["Europe/Berlin"], ZoneComparison.Utc(5000), ZoneComparison.Utc(5020), Duration.FromHours(50));
        Assert.Empty(ZoneComparison.Differences(Tzdb["Europe/Berlin"], zone, instants));
    }

    [Fact]
    public void One_zone_answers_concurrent_lookups_in_far_years_consistently()
    {
        var zone = Read(VTimeZoneFixtures.NewYork);
        var expected = Tzdb["America/New_York"];
        var instants = Enumerable.Range(0, 4_000)
            .Select(i => Instant.FromUtc(3000 + (i % 200), 1 + (i % 12), 1 + (i % 28), i % 24, 0))
            .ToArray();
        var wrong = 0;

        Parallel.ForEach(instants, instant =>
        {
            if (zone.GetUtcOffset(instant) != expected.GetUtcOffset(instant))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Outlook_1601_definitions_are_read_like_any_other()
    {
        var zone = Read(VTimeZoneFixtures.OutlookWesternEurope);

        Assert.Equal("W. Europe Standard Time", zone.Id);
        var instants = ZoneComparison.SampleInstants(
            Tzdb["Europe/Berlin"], ZoneComparison.Utc(1997), ZoneComparison.Utc(2060), Duration.FromHours(101));
        Assert.Empty(ZoneComparison.Differences(Tzdb["Europe/Berlin"], zone, instants));
    }

    [Fact]
    public void After_the_last_RDATE_the_last_observance_stays_in_force()
    {
        var zone = Read(VTimeZoneFixtures.LondonRDates);

        Assert.Equal(Offset.Zero, zone.GetUtcOffset(Instant.FromUtc(2030, 7, 1, 0, 0)));
        Assert.Equal(Offset.Zero, zone.GetUtcOffset(Instant.FromUtc(2019, 7, 1, 0, 0)));
        Assert.Equal("BST", zone.GetZoneInterval(Instant.FromUtc(2022, 7, 1, 0, 0)).Name);
    }

    [Fact]
    public void A_zone_from_observances_maps_local_times_like_tzdb_does()
    {
        var zone = Read(VTimeZoneFixtures.NewYork);
        var tzdb = Tzdb["America/New_York"];
        var local = new LocalDateTime(2024, 1, 1, 0, 30);
        for (var hour = 0; hour < 24 * 366; hour += 5)
        {
            var candidate = local.PlusHours(hour);
            Assert.Equal(tzdb.MapLocal(candidate).Count, zone.MapLocal(candidate).Count);
            Assert.Equal(
                LocalTimeResolution.Resolve(candidate, tzdb).ToInstant(),
                LocalTimeResolution.Resolve(candidate, zone).ToInstant());
        }
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "no TZID", "BEGIN:VTIMEZONE\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE" },
        { "no observance", "BEGIN:VTIMEZONE\nTZID:X\nEND:VTIMEZONE" },
        { "no TZOFFSETTO", "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nEND:STANDARD\nEND:VTIMEZONE" },
        { "no DTSTART", "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE" },
        { "bad offset", "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+1\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE" },
        { "bad date", "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19701301T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE" },
        { "bad RRULE", "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYDAY=XX\nEND:STANDARD\nEND:VTIMEZONE" },
        { "bad RDATE", "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRDATE:tomorrow\nEND:STANDARD\nEND:VTIMEZONE" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_definitions_raise_IcalFormatException(string what, string text)
    {
        var exception = Record.Exception(() => Read(text));

        Assert.True(exception is IcalFormatException, $"{what}: {exception?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public void A_component_that_is_not_a_VTIMEZONE_is_rejected()
    {
        var vevent = new CalendarComponent("VEVENT", [], []);

        Assert.Throws<IcalFormatException>(() => VTimeZoneReader.FromComponent(vevent));
    }
}
