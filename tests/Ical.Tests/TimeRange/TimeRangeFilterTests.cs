using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.TimeRange;

/// <summary>The public entry points with the real reader, RuleExpander and TimeZoneResolver.</summary>
public class TimeRangeFilterTests
{
    private static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    private const string Weekly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:w\r\nDTSTAMP:20240101T000000Z\r\n"
        + "DTSTART;TZID=Europe/Berlin:20240101T100000\r\nDTEND;TZID=Europe/Berlin:20240101T110000\r\nRRULE:FREQ=WEEKLY;UNTIL=20240401T000000Z\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void A_weekly_zoned_series_matches_only_ranges_touching_an_instance()
    {
        var calendar = CalendarParser.ParseSingle(Weekly);
        // 2024-01-08 10:00 Berlin is 09:00Z.
        Assert.True(TimeRangeFilter.Overlaps(calendar, "VEVENT", Utc("2024-01-08T09:30:00Z"), Utc("2024-01-08T09:31:00Z"), TimeZoneResolver.Default, DateTimeZone.Utc));
        Assert.False(TimeRangeFilter.Overlaps(calendar, "VEVENT", Utc("2024-01-09T00:00:00Z"), Utc("2024-01-15T09:00:00Z"), TimeZoneResolver.Default, DateTimeZone.Utc));
        Assert.False(TimeRangeFilter.Overlaps(calendar, "VEVENT", Utc("2024-04-01T00:00:00Z"), null, TimeZoneResolver.Default, DateTimeZone.Utc));
    }

    [Fact]
    public void Bounds_of_a_series_with_until_are_its_first_start_and_last_end()
    {
        var (first, last) = TimeRangeFilter.OccurrenceBounds(CalendarParser.ParseSingle(Weekly), TimeZoneResolver.Default);
        Assert.Equal(Utc("2024-01-01T09:00:00Z"), first);
        // Last instance Monday 2024-03-25 10:00 CET (before the 31 March change) ends 10:00Z.
        Assert.Equal(Utc("2024-03-25T10:00:00Z"), last);
    }
}
