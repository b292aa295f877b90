using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

public class TimeExtensionsTests
{
    private static readonly DateTimeZone Floating = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];

    [Fact]
    public void A_UTC_value_is_its_own_instant()
    {
        var value = IcalDateTime.Parse("20240301T120000Z");

        Assert.Equal(Instant.FromUtc(2024, 3, 1, 12, 0), value.ToInstant(TimeZoneResolver.Default, Floating));
    }

    [Fact]
    public void A_zoned_value_uses_its_TZID_with_the_RFC_gap_rule()
    {
        var value = IcalDateTime.Parse("20070311T023000", "America/New_York");

        Assert.Equal(Instant.FromUtc(2007, 3, 11, 7, 30), value.ToInstant(TimeZoneResolver.Default, Floating));
    }

    [Fact]
    public void Floating_times_and_dates_are_read_in_the_floating_zone()
    {
        Assert.Equal(Instant.FromUtc(2024, 3, 1, 3, 0),
            IcalDateTime.Parse("20240301T120000").ToInstant(TimeZoneResolver.Default, Floating));
        Assert.Equal(Instant.FromUtc(2024, 2, 29, 15, 0),
            IcalDateTime.Parse("20240301").ToInstant(TimeZoneResolver.Default, Floating));
    }

    [Fact]
    public void An_unknown_TZID_falls_back_to_the_floating_zone_and_the_Try_variant_says_so()
    {
        var value = IcalDateTime.Parse("20240301T120000", "Mars/Olympus_Mons");

        var resolved = value.TryToInstant(TimeZoneResolver.Default, Floating, out var instant);

        Assert.False(resolved);
        Assert.Equal(Instant.FromUtc(2024, 3, 1, 3, 0), instant);
        Assert.Equal(instant, value.ToInstant(TimeZoneResolver.Default, Floating));
        Assert.True(IcalDateTime.Parse("20240301T120000", "Europe/Berlin").TryToInstant(TimeZoneResolver.Default, Floating, out _));
    }

    [Fact]
    public void A_TZID_defined_only_by_the_calendar_is_used()
    {
        var calendar = TestCalendarText.Parse($"""
            BEGIN:VCALENDAR
            {VTimeZoneFixtures.LondonRDates}
            END:VCALENDAR
            """);
        var zones = TimeZoneResolver.Default.WithCalendar(calendar);
        var value = IcalDateTime.Parse("20220701T120000", "London RDATE only");

        Assert.True(value.TryToInstant(zones, Floating, out var instant));
        Assert.Equal(Instant.FromUtc(2022, 7, 1, 11, 0), instant);
    }
}
