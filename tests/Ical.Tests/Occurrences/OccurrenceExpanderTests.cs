using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>The public entry point with the real reader, RuleExpander and TimeZoneResolver.</summary>
public class OccurrenceExpanderTests
{
    private static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    private static List<Occurrence> Expand(string ics, string? from = null, string? to = null, RecurrenceLimits? limits = null)
    {
        var calendar = CalendarParser.ParseSingle(ics);
        var components = calendar.Components.Where(c => c.Name != "VTIMEZONE").ToList();
        return OccurrenceExpander.Expand(components, TimeZoneResolver.Default.WithCalendar(calendar), DateTimeZone.Utc,
            from is null ? null : Utc(from), to is null ? null : Utc(to), limits ?? RecurrenceLimits.Default).ToList();
    }

    private static string Calendar(string body) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + body.Trim().Replace("\n", "\r\n") + "\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void A_weekly_cadence_in_new_york_expands_in_local_time_across_dst()
    {
        var ics = Calendar("""
            BEGIN:VEVENT
            UID:w
            DTSTAMP:20240101T000000Z
            DTSTART;TZID=America/New_York:20240304T090000
            DURATION:PT1H
            RRULE:FREQ=DAILY;INTERVAL=7;COUNT=3
            END:VEVENT
            """);
        var starts = Expand(ics).Select(o => InstantPattern.General.Format(o.Start));
        // 2024-03-10 is the US spring-forward: 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z.
        Assert.Equal(["2024-03-04T14:00:00Z", "2024-03-11T13:00:00Z", "2024-03-18T13:00:00Z"], starts);
    }

    [Fact]
    public void A_window_far_into_an_endless_series_is_reached_quickly()
    {
        var ics = Calendar("""
            BEGIN:VEVENT
            UID:e
            DTSTAMP:20240101T000000Z
            DTSTART:20000101T090000Z
            RRULE:FREQ=MINUTELY;INTERVAL=7
            END:VEVENT
            """);
        var result = Expand(ics, "2090-01-01T00:00:00Z", "2090-01-01T01:00:00Z", new RecurrenceLimits(1000, 100_000));
        Assert.InRange(result.Count, 8, 9);
        Assert.All(result, o => Assert.InRange(o.Start, Utc("2090-01-01T00:00:00Z"), Utc("2090-01-01T01:00:00Z")));
    }

    [Fact]
    public void Dtstart_not_matching_the_rule_is_still_the_first_instance()
    {
        // 2024-03-28 is a Thursday; the rule wants the last Friday of each month.
        var ics = Calendar("BEGIN:VEVENT\nUID:s\nDTSTAMP:20240101T000000Z\nDTSTART:20240328T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=-1FR\nEND:VEVENT");
        var starts = Expand(ics, "2024-03-01T00:00:00Z", "2024-05-01T00:00:00Z").Select(o => InstantPattern.General.Format(o.Start));
        Assert.Equal(["2024-03-28T09:00:00Z", "2024-03-29T09:00:00Z", "2024-04-26T09:00:00Z"], starts);
    }

    [Fact]
    public void A_custom_vtimezone_is_used_for_its_tzid()
    {
        var ics = Calendar("""
            BEGIN:VTIMEZONE
            TZID:My Zone
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0530
            TZOFFSETTO:+0530
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:c
            DTSTAMP:20240101T000000Z
            DTSTART;TZID=My Zone:20240105T090000
            END:VEVENT
            """);
        Assert.Equal(Utc("2024-01-05T03:30:00Z"), Assert.Single(Expand(ics)).Start);
    }

    [Fact]
    public void A_malformed_rule_raises_an_ical_format_error_with_its_line()
    {
        var ics = Calendar("BEGIN:VEVENT\nUID:b\nDTSTAMP:20240101T000000Z\nDTSTART:20240105T090000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT");
        var error = Assert.Throws<IcalFormatException>(() => Expand(ics));
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void A_date_near_the_end_of_time_raises_an_ical_format_error()
    {
        var ics = Calendar("BEGIN:VEVENT\nUID:b\nDTSTAMP:20240101T000000Z\nDTSTART;VALUE=DATE:99991231\nDURATION:P400000D\nEND:VEVENT");
        Assert.Throws<IcalFormatException>(() => Expand(ics));
    }
}
