using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

public partial class TimeZoneResolverTests
{
    private static CalendarComponent Calendar(params string[] vtimezones) =>
        TestCalendarText.Parse($"BEGIN:VCALENDAR\n{string.Join('\n', vtimezones)}\nEND:VCALENDAR");

    [Fact]
    public void A_VTIMEZONE_with_an_unknown_TZID_is_used()
    {
        var zones = TimeZoneResolver.Default.WithCalendar(Calendar(VTimeZoneFixtures.LondonRDates));

        var zone = zones.Find("London RDATE only");

        Assert.NotNull(zone);
        Assert.Equal(Offset.FromHours(1), zone.GetUtcOffset(Instant.FromUtc(2021, 7, 1, 0, 0)));
        Assert.Null(TimeZoneResolver.Default.Find("London RDATE only"));
    }

    [Fact]
    public void A_known_TZID_keeps_the_built_in_zone_over_a_truncated_definition()
    {
        // Thunderbird's Berlin definition has the EU rules back to 1970; tzdb knows Germany had no
        // DST in 1970-1979, so the built-in zone must win.
        var zones = TimeZoneResolver.Default.WithCalendar(Calendar(VTimeZoneFixtures.Berlin));

        var zone = zones.Find("Europe/Berlin");

        Assert.Same(DateTimeZoneProviders.Tzdb["Europe/Berlin"], zone);
        Assert.Equal(Offset.FromHours(1), zone!.GetUtcOffset(Instant.FromUtc(1975, 7, 1, 0, 0)));
    }

    [Fact]
    public void A_Windows_TZID_keeps_the_built_in_zone_over_Outlooks_1601_definition()
    {
        var zones = TimeZoneResolver.Default.WithCalendar(Calendar(VTimeZoneFixtures.OutlookWesternEurope));

        Assert.Equal("Europe/Berlin", zones.Find("W. Europe Standard Time")!.Id);
    }

    [Fact]
    public void A_known_name_whose_definition_has_foreign_offsets_uses_the_data()
    {
        // Only the data makes sense: +05:30 never occurs in Europe/Paris.
        var zones = TimeZoneResolver.Default.WithCalendar(Calendar("""
            BEGIN:VTIMEZONE
            TZID:Europe/Paris
            BEGIN:STANDARD
            DTSTART:20000101T000000
            TZOFFSETFROM:+0530
            TZOFFSETTO:+0530
            END:STANDARD
            END:VTIMEZONE
            """));

        var zone = zones.Find("Europe/Paris");

        Assert.Equal(Offset.FromHoursAndMinutes(5, 30), zone!.GetUtcOffset(Instant.FromUtc(2024, 7, 1, 0, 0)));
    }

    [Fact]
    public void An_unreadable_VTIMEZONE_is_skipped_and_its_TZID_stays_unknown()
    {
        var zones = TimeZoneResolver.Default.WithCalendar(Calendar("""
            BEGIN:VTIMEZONE
            TZID:Broken
            BEGIN:STANDARD
            DTSTART:20000101T000000
            TZOFFSETFROM:+0100
            END:STANDARD
            END:VTIMEZONE
            """, VTimeZoneFixtures.Sydney.Replace("Australia/Sydney", "My Sydney")));

        Assert.Null(zones.Find("Broken"));
        Assert.Equal(Offset.FromHours(11), zones.Find("My Sydney")!.GetUtcOffset(Instant.FromUtc(2024, 1, 1, 0, 0)));
    }

    [Fact]
    public void A_calendar_without_VTIMEZONEs_returns_the_same_resolver()
    {
        var resolver = TimeZoneResolver.Default;

        Assert.Same(resolver, resolver.WithCalendar(Calendar()));
    }
}
