using System.Text;
using AuroraTime.CalDav.CalDav.Filters;
using AuroraTime.CalDav.CalDav.Reports;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Tests.CalDav;

/// <summary>
/// The calendar-query shortcut (<see cref="StoredRangeShortcut"/>) may only ever say "matches" where the
/// exact RFC 4791 section 9.9 test says so too: checked on every fixture of the occurrence corpus and the
/// client exports, with their real stored bounds, for windows at and around those bounds, in the two
/// most distant floating zones (UTC+14 and UTC-12).
/// </summary>
public class StoredRangeShortcutTests
{
    private static string Calendar(string body, string timezone = "") =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{timezone}{body}END:VCALENDAR\r\n";

    private static string Event(string extra) =>
        $"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nDURATION:PT1H\r\n{extra}END:VEVENT\r\n";

    private const string ZoneWithRules =
        "BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
        "RDATE:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    public static TheoryData<string, string, bool> Objects => new()
    {
        { "a plain event", Calendar(Event("")), true },
        { "a VTIMEZONE's own RRULE and RDATE are not the event's", Calendar(Event(""), ZoneWithRules), true },
        { "two plain events", Calendar(Event("") + Event("")), true },
        { "an RRULE", Calendar(Event("RRULE:FREQ=DAILY;COUNT=2\r\n")), false },
        { "an RDATE", Calendar(Event("RDATE:20260302T100000Z\r\n")), false },
        { "an EXDATE can remove DTSTART itself", Calendar(Event("EXDATE:20260301T100000Z\r\n")), false },
        { "an override is judged with its master", Calendar(Event("RECURRENCE-ID:20260301T100000Z\r\n")), false },
        { "names are case-insensitive", Calendar(Event("rrule:FREQ=DAILY;COUNT=2\r\n")), false },
        { "an RRULE folded inside its name", Calendar(Event("RR\r\n ULE:FREQ=DAILY;COUNT=2\r\n")), false },
        { "an RRULE in the event's alarm is no recurrence of the event", Calendar(Event("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nDESCRIPTION:x\r\nRRULE:FREQ=DAILY\r\nEND:VALARM\r\n")), true },
        { "no VEVENT at all", Calendar("BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20260101T000000Z\r\nEND:VTODO\r\n"), false },
        { "content the reader rejects", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", false },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Only_objects_without_recurrence_properties_count_as_single_instances(string what, string ics, bool expected) =>
        Assert.True(expected == StoredRangeShortcut.HasOnlySingleInstances(Encoding.UTF8.GetBytes(ics), "VEVENT"), what);

    [Fact]
    public void Bounds_decide_only_when_they_lie_inside_the_half_open_range()
    {
        var start = Instant.FromUtc(2026, 3, 1, 0, 0);
        var end = Instant.FromUtc(2026, 4, 1, 0, 0);
        Assert.True(StoredRangeShortcut.BoundsLieInside(Summary(start + Duration.Epsilon, end - Duration.Epsilon), start, end));
        Assert.True(StoredRangeShortcut.BoundsLieInside(Summary(start, end), null, null));
        // Starting exactly at the range start could be an event with DTEND = DTSTART there, which does not match.
        Assert.False(StoredRangeShortcut.BoundsLieInside(Summary(start, end - Duration.Epsilon), start, end));
        // Ending exactly at the range end could be a zero-length instance at the end, which does not match.
        Assert.False(StoredRangeShortcut.BoundsLieInside(Summary(start + Duration.Epsilon, end), start, end));
        Assert.False(StoredRangeShortcut.BoundsLieInside(Summary(start - Duration.Epsilon, end - Duration.Epsilon), start, end));
        Assert.False(StoredRangeShortcut.BoundsLieInside(Summary(null, end - Duration.Epsilon), start, end));
        Assert.False(StoredRangeShortcut.BoundsLieInside(Summary(start + Duration.Epsilon, null), start, end));
    }

    [Theory]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Etc/GMT+12")]
    public void Whenever_the_shortcut_says_matches_the_exact_test_agrees(string floatingZoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[floatingZoneId];
        var engine = new IcalTimeEngine(RecurrenceLimits.Default);
        var evaluator = new FilterEvaluator(engine, zone);
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "occurrences"), "*.ics")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "clients"), "*.ics"));
        var objects = files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .Concat(SingleEvents.Select((ics, i) => ($"single event {i}", Encoding.UTF8.GetBytes(Calendar(ics, ZoneWithRules)))));
        var decided = 0;
        foreach (var (name, data) in objects)
        {
            AuroraTime.Ical.Model.CalendarComponent calendar;
            try
            {
                calendar = CalendarParser.ParseSingle(data, IcalReaderOptions.Lenient);
            }
            catch (AuroraTime.Ical.IcalFormatException)
            {
                continue; // a fixture of malformed input: PUT refuses it, so it is never stored
            }
            var (first, last) = engine.Bounds(calendar, zone);
            var summary = Summary(first, last);
            foreach (var (start, end) in WindowsAround(first, last))
            {
                var filter = PlainEventFilter(start, end);
                Assert.NotNull(CalendarQueryReport.PlainEventRange(filter));
                if (StoredRangeShortcut.BoundsLieInside(summary, start, end) && StoredRangeShortcut.HasOnlySingleInstances(data, "VEVENT"))
                {
                    decided++;
                    Assert.True(evaluator.Matches(calendar, filter), $"{name} in [{start}, {end})");
                }
            }
        }
        Assert.True(decided >= 50, $"the shortcut decided only {decided} cases: the corpus no longer exercises it");
    }

    [Fact]
    public void Only_the_plain_event_view_filter_takes_the_shortcut()
    {
        var range = new TimeRangeFilter(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0));
        Assert.Same(range, CalendarQueryReport.PlainEventRange(Filter(Comp("VEVENT", range))));
        Assert.Null(CalendarQueryReport.PlainEventRange(Filter(Comp("VTODO", range))));
        Assert.Null(CalendarQueryReport.PlainEventRange(Filter(Comp("VEVENT", null))));
        Assert.Null(CalendarQueryReport.PlainEventRange(Filter(Comp("VEVENT", range) with { IsNotDefined = true })));
        Assert.Null(CalendarQueryReport.PlainEventRange(Filter(Comp("VEVENT", range) with { CompFilters = [Comp("VALARM", range)] })));
        Assert.Null(CalendarQueryReport.PlainEventRange(Filter(Comp("VEVENT", range) with { PropFilters = [new PropFilter("SUMMARY", true, null, null, [], true)] })));
        Assert.Null(CalendarQueryReport.PlainEventRange(Filter(Comp("VEVENT", range), Comp("VEVENT", range))));
    }

    // Single events of every RFC 4791 section 9.9 VEVENT row: DTEND, DURATION (positive and zero), DTEND = DTSTART,
    // no end (DATE-TIME and DATE), floating and zoned times, an alarm before the start.
    private static readonly string[] SingleEvents =
    [
        Single("DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\n"),
        Single("DTSTART:20260301T100000Z\r\nDURATION:PT1H\r\n"),
        Single("DTSTART:20260301T100000Z\r\nDURATION:PT0S\r\n"),
        Single("DTSTART:20260301T100000Z\r\nDTEND:20260301T100000Z\r\n"),
        Single("DTSTART:20260301T100000Z\r\n"),
        Single("DTSTART;VALUE=DATE:20260301\r\n"),
        Single("DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260304\r\n"),
        Single("DTSTART:20260301T100000\r\nDTEND:20260301T110000\r\n"),
        Single("DTSTART:20260301T235959\r\n"),
        Single("DTSTART;TZID=Custom:20260301T100000\r\nDTEND;TZID=Custom:20260301T110000\r\n"),
        Single("DTSTART;TZID=Europe/Berlin:20260329T023000\r\nDURATION:PT1H\r\n"),
        Single("DTSTART:20260301T100000Z\r\nDURATION:PT1H\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:r\r\nTRIGGER:-P2D\r\nEND:VALARM\r\n"),
    ];

    private static string Single(string times) => $"BEGIN:VEVENT\r\nUID:s\r\nDTSTAMP:20260101T000000Z\r\n{times}SUMMARY:s\r\nEND:VEVENT\r\n";

    private static CompFilter Comp(string name, TimeRangeFilter? range) => new(name, false, range, [], [], true);

    private static CompFilter Filter(params CompFilter[] children) => new("VCALENDAR", false, null, [], children, true);

    private static CompFilter PlainEventFilter(Instant? start, Instant? end) => Filter(Comp("VEVENT", new TimeRangeFilter(start, end)));

    // At the bounds, just around them, and shifted so one side cuts through them.
    private static IEnumerable<(Instant? Start, Instant? End)> WindowsAround(Instant? first, Instant? last)
    {
        yield return (null, null);
        if (first is not { } f || last is not { } l)
        {
            yield break;
        }
        foreach (var margin in new[] { Duration.Zero, Duration.Epsilon, Duration.FromMinutes(1), Duration.FromHours(14), Duration.FromDays(40) })
        {
            yield return (f - margin, l + margin);
            yield return (f + margin, l + margin);
            yield return (f - margin, l - margin);
            yield return (null, l + margin);
            yield return (f - margin, null);
        }
    }

    private static ObjectSummary Summary(Instant? first, Instant? last) =>
        new("x.ics", "a", "VEVENT", "text/calendar", ETag.FromContent("x"u8.ToArray()), 1, Instant.FromUnixTimeTicks(0), first, last);
}
