using System.Text;
using AuroraTime.CalDav.CalDav.Filters;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using EventEndKind = AuroraTime.Ical.TimeRange.EventEndKind;
using EventSpan = AuroraTime.Ical.TimeRange.EventSpan;
using NodaTime;

namespace AuroraTime.CalDav.Tests.CalDav;

/// <summary>
/// The instance index stored with each object (<see cref="EventSpanIndex"/>) decides a plain VEVENT
/// calendar-query without parsing. It must answer exactly what the RFC 4791 section 9.9 test answers, both
/// "matches" and "does not match": checked on every fixture of the occurrence corpus (series with EXDATE,
/// RDATE, overrides, THISANDFUTURE, DST gaps and overlaps, custom VTIMEZONEs) and the client exports, for
/// windows at, just around and between their instances, in the two most distant floating zones.
/// </summary>
public class EventSpanIndexTests
{
    private static readonly IcalTimeEngine Engine = new(RecurrenceLimits.Default);

    private static string Calendar(string body, string timezone = "") =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{timezone}{body}END:VCALENDAR\r\n";

    private static string Event(string times, string extra = "", string uid = "e") =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{times}{extra}SUMMARY:e\r\nEND:VEVENT\r\n";

    private const string Utc = "DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\n";

    private const string Berlin = "DTSTART;TZID=Europe/Berlin:20260322T023000\r\nDURATION:PT1H\r\n";

    public static TheoryData<string, string, bool> Objects => new()
    {
        { "a UTC event", Calendar(Event(Utc)), true },
        { "a bounded weekly series in UTC", Calendar(Event(Utc, "RRULE:FREQ=WEEKLY;COUNT=20\r\n")), true },
        { "a series across the DST change in a named zone", Calendar(Event(Berlin, "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Berlin:20260405T023000\r\n")), true },
        { "a series with an override", Calendar(Event(Utc, "RRULE:FREQ=DAILY;COUNT=3\r\n") + Event("DTSTART:20260305T100000Z\r\nDTEND:20260305T120000Z\r\n", "RECURRENCE-ID:20260302T100000Z\r\n")), true },
        { "an UNTIL series", Calendar(Event(Utc, "RRULE:FREQ=DAILY;UNTIL=20260310T100000Z\r\n")), true },
        { "a VTODO only: no VEVENT instance at all", Calendar("BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20260101T000000Z\r\nDUE:20260301T100000Z\r\nEND:VTODO\r\n"), true },
        { "floating times depend on the viewer's zone", Calendar(Event("DTSTART:20260301T100000\r\nDTEND:20260301T110000\r\n")), false },
        { "an all-day event is floating", Calendar(Event("DTSTART;VALUE=DATE:20260301\r\n")), false },
        { "a floating EXDATE on a UTC series", Calendar(Event(Utc, "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20260302T100000\r\n")), false },
        { "an unknown TZID is read as floating", Calendar(Event("DTSTART;TZID=Nowhere/Else:20260301T100000\r\nDURATION:PT1H\r\n")), false },
        { "an unbounded series", Calendar(Event(Utc, "RRULE:FREQ=WEEKLY\r\n")), false },
        { "more instances than the index lists", Calendar(Event(Utc, "RRULE:FREQ=DAILY;COUNT=1001\r\n")), false },
        { "a rule the engine cannot read", Calendar(Event(Utc, "RRULE:FREQ=SOMETIMES;COUNT=2\r\n")), false },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Only_instances_fixed_on_the_timeline_are_indexed(string what, string ics, bool indexed)
    {
        var calendar = CalendarParser.ParseSingle(Encoding.UTF8.GetBytes(ics), IcalReaderOptions.Lenient);
        Assert.True(indexed == Engine.EventInstanceIndex(calendar) is not null, what);
    }

    [Fact]
    public void A_weekly_series_of_twenty_costs_about_six_bytes_an_instance()
    {
        var calendar = CalendarParser.ParseSingle(Encoding.UTF8.GetBytes(Calendar(Event(Utc, "RRULE:FREQ=WEEKLY;COUNT=20\r\n"))), IcalReaderOptions.Lenient);
        var index = Engine.EventInstanceIndex(calendar)!;
        Assert.InRange(index.Length, 20 * 5, 20 * 7);
    }

    [Theory]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Etc/GMT+12")]
    public void The_index_answers_exactly_what_the_exact_test_answers(string floatingZoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[floatingZoneId];
        var evaluator = new FilterEvaluator(Engine, zone);
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "occurrences"), "*.ics")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "clients"), "*.ics"));
        var objects = files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .Concat(Objects.Select(row => ((string)row[0], Encoding.UTF8.GetBytes((string)row[1]))));
        int indexed = 0, recurring = 0, matched = 0, unmatched = 0;
        foreach (var (name, data) in objects)
        {
            CalendarComponent calendar;
            try
            {
                calendar = CalendarParser.ParseSingle(data, IcalReaderOptions.Lenient);
            }
            catch (IcalFormatException)
            {
                continue; // a fixture of malformed input: PUT refuses it, so it is never stored
            }
            if (Engine.EventInstanceIndex(calendar) is not { } index)
            {
                continue;
            }
            indexed++;
            recurring += Encoding.UTF8.GetString(data).Contains("RRULE", StringComparison.Ordinal) ? 1 : 0;
            foreach (var (start, end) in WindowsAround(calendar, zone))
            {
                var exact = evaluator.Matches(calendar, Filter(start, end));
                Assert.True(exact == EventSpanIndex.Overlaps(index, start, end), $"{name} in [{start}, {end}): the exact test says {exact}");
                _ = exact ? matched++ : unmatched++;
            }
        }
        // The corpus must keep exercising the index: many series, and both answers.
        Assert.True(indexed >= 120 && recurring >= 80, $"only {indexed} objects ({recurring} series) were indexed");
        Assert.True(matched >= 2000 && unmatched >= 2000, $"only {matched} matching and {unmatched} non-matching windows");
    }

    [Fact]
    public void Bytes_it_did_not_write_make_it_step_aside()
    {
        var calendar = CalendarParser.ParseSingle(Encoding.UTF8.GetBytes(Calendar(Event(Utc, "RRULE:FREQ=WEEKLY;COUNT=3\r\n"))), IcalReaderOptions.Lenient);
        var index = Engine.EventInstanceIndex(calendar)!;
        var start = Instant.FromUtc(2026, 3, 1, 0, 0);
        var end = Instant.FromUtc(2026, 4, 1, 0, 0);
        Assert.True(EventSpanIndex.Overlaps(index, start, end));
        Assert.False(EventSpanIndex.Overlaps(index, end, null));
        Assert.Null(EventSpanIndex.Overlaps(index[..^1], start, end)); // truncated
        Assert.Null(EventSpanIndex.Overlaps([.. index, 0], start, end)); // trailing bytes
        Assert.Null(EventSpanIndex.Overlaps([2, .. index[1..]], start, end)); // another format
        var otherDatabase = index.ToArray();
        otherDatabase[1] ^= 0xFF; // instants resolved with another time zone database
        Assert.Null(EventSpanIndex.Overlaps(otherDatabase, start, end));
        Assert.Null(EventSpanIndex.Overlaps([], start, end));
        var endless = index[..5].Concat(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0 }).ToArray();
        Assert.Null(EventSpanIndex.Overlaps(endless, start, end)); // an instant NodaTime cannot hold
    }

    [Fact]
    public void Zero_length_instances_keep_their_row_of_the_table()
    {
        // RFC 4791 9.9: DTEND = DTSTART matches (start < DTEND AND end > DTSTART), so not a range starting at it;
        // no DTEND and no DURATION matches (start <= DTSTART AND end > DTSTART), so a range starting at it.
        var at = Instant.FromUtc(2026, 3, 1, 10, 0);
        var withEnd = EventSpanIndex.Encode([new EventSpan(at, EventEndKind.DtEnd, at)])!;
        var withoutEnd = EventSpanIndex.Encode([new EventSpan(at, EventEndKind.None, at)])!;
        Assert.False(EventSpanIndex.Overlaps(withEnd, at, at + Duration.FromHours(1)));
        Assert.True(EventSpanIndex.Overlaps(withoutEnd, at, at + Duration.FromHours(1)));
        Assert.Null(EventSpanIndex.Encode([new EventSpan(at, EventEndKind.DtEnd, at + Duration.FromMilliseconds(1))]));
        Assert.Null(EventSpanIndex.Encode([new EventSpan(at, EventEndKind.DtEnd, at - Duration.FromSeconds(1))]));
    }

    private static CompFilter Filter(Instant? start, Instant? end) =>
        new("VCALENDAR", false, null, [], [new CompFilter("VEVENT", false, new TimeRangeFilter(start, end), [], [], true)], true);

    // Open ranges, then ranges that start or end at, just before or just after an instance's start and end
    // (where the RFC 4791 section 9.9 rows differ), and ranges that fall between two instances.
    private static IEnumerable<(Instant? Start, Instant? End)> WindowsAround(CalendarComponent calendar, DateTimeZone zone)
    {
        yield return (null, null);
        var instances = Engine.Expand(calendar, "VEVENT", null, null, null, zone).OrderBy(i => i.Start).ToList();
        var sample = instances.Take(4).Concat(instances.Skip(Math.Max(4, instances.Count - 2)));
        var second = Duration.FromSeconds(1);
        foreach (var instance in sample)
        {
            foreach (var edge in new[] { instance.Start, instance.End })
            {
                yield return (edge, edge + Duration.FromHours(1));
                yield return (edge + second, edge + Duration.FromHours(1));
                yield return (edge - Duration.FromHours(1), edge);
                yield return (edge - Duration.FromHours(1), edge + second);
                yield return (edge, null);
                yield return (null, edge);
            }
        }
        for (var i = 1; i < instances.Count && i < 6; i++)
        {
            if (instances[i - 1].End < instances[i].Start)
            {
                yield return (instances[i - 1].End + second, instances[i].Start);
            }
        }
    }
}
