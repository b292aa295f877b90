using System.Text;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>
/// A full-scope feed cuts VEVENTs from the stored bytes when they are already in serialised form
/// (<see cref="StoredEventSlicer"/>). Whatever it cuts must be what the parse-and-serialise path writes:
/// the same events, the same VTIMEZONE references in the same order, the same single-instance verdict.
/// </summary>
public class StoredEventSlicerTests
{
    private const string Berlin =
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

    private static string Calendar(string body) => $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n";

    private static string Event(string uid, string extra) =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{extra}SUMMARY:Event {uid}\r\nEND:VEVENT\r\n";

    // Objects in the form the serialiser writes: these must be cut, not parsed.
    public static TheoryData<string> Canonical => new()
    {
        Calendar(Event("utc", "DTSTART:20260301T100000Z\r\nDURATION:PT1H\r\n")),
        Calendar(Berlin + Event("zoned", "DTSTART;TZID=Europe/Berlin:20260301T100000\r\nDTEND;TZID=Europe/Berlin:20260301T110000\r\n")),
        Calendar(Event("tzdb-only", "DTSTART;TZID=\"America/New_York\":20260301T100000\r\nDURATION:PT1H\r\n")),
        Calendar(Berlin + Event("series", "DTSTART;TZID=Europe/Berlin:20260301T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=20\r\n")
            + Event("series", "RECURRENCE-ID;TZID=Europe/Berlin:20260308T100000\r\nDTSTART;TZID=Europe/Berlin:20260308T120000\r\nDURATION:PT1H\r\n")),
        Calendar(Event("alarm", "DTSTART:20260301T100000Z\r\nDURATION:PT1H\r\nDESCRIPTION:A description long enough to be folded by the\r\n  writer at seventy-five octets.\r\n" +
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n")),
        Calendar(Event("with-todo", "DTSTART:20260301T100000Z\r\n") + "BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20260101T000000Z\r\nEND:VTODO\r\n"),
        // Lines over 75 octets (clients that do not fold, bench/peers' content): folded on the way out.
        Calendar(Event("long", $"DTSTART:20260301T100000Z\r\nDESCRIPTION:{new string('x', 64)}\r\n")),
        Calendar(Event("long-utf8", $"DTSTART:20260301T100000Z\r\nDESCRIPTION:{new string('x', 61)}{string.Concat(Enumerable.Repeat("\u00e9\u20ac", 40))}\r\n")),
        Calendar(Event("long-continuation", $"DTSTART:20260301T100000Z\r\nDESCRIPTION:start\r\n {new string('y', 160)}\r\n")),
        Calendar(Berlin.Replace("TZID:Europe/Berlin\r\n", $"TZID:Europe/Berlin\r\nX-LIC-LOCATION:{new string('z', 90)}\r\n", StringComparison.Ordinal)
            + Event("long-zone", "DTSTART;TZID=Europe/Berlin:20260301T100000\r\nDURATION:PT1H\r\n")),
    };

    /// <summary>RFC 5545 section 3.1: lines SHOULD NOT be longer than 75 octets; a fold never splits a UTF-8 sequence.</summary>
    [Theory]
    [MemberData(nameof(Canonical))]
    public void What_is_cut_has_no_line_over_75_octets_and_splits_no_UTF8_sequence(string ics)
    {
        var sliced = StoredEventSlicer.TrySlice(Encoding.UTF8.GetBytes(ics))!;
        foreach (var part in sliced.TimeZones.Select(z => z.OwnDefinition).OfType<byte[]>().Append(sliced.Events))
        {
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            foreach (var line in SplitLines(part))
            {
                Assert.True(line.Length <= 75, $"{line.Length} octets: {Encoding.UTF8.GetString(line)}");
                _ = strict.GetString(line); // throws on a sequence cut at a fold
            }
        }
    }

    [Fact]
    public void An_unfolded_long_line_is_folded_exactly_as_the_serialiser_folds_it()
    {
        var stored = Stored(Calendar(Event("long", $"DTSTART:20260301T100000Z\r\nDESCRIPTION:{new string('x', 61)}{string.Concat(Enumerable.Repeat("\u00e9\u20ac", 40))}\r\n")));
        Assert.Equal(FeedGenerator.RenderParsed(stored, FullLink).Events, StoredEventSlicer.TrySlice(stored.Data.Span)!.Events);
    }

    private static IEnumerable<byte[]> SplitLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                yield return bytes[start..i];
                start = i + 2;
            }
        }
        Assert.Equal(bytes.Length, start); // ends with CRLF
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Objects_in_serialised_form_are_cut_and_equal_the_parsed_output(string ics)
    {
        var stored = Stored(ics);
        var sliced = StoredEventSlicer.TrySlice(stored.Data.Span);
        Assert.NotNull(sliced);
        AssertSameOutput(FeedGenerator.RenderParsed(stored, FullLink), sliced);
    }

    [Fact]
    public void Every_corpus_object_that_is_cut_equals_the_parsed_output()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "occurrences"), "*.ics")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "clients"), "*.ics"));
        var cut = 0;
        foreach (var file in files)
        {
            var stored = Stored(File.ReadAllText(file));
            if (StoredEventSlicer.TrySlice(stored.Data.Span) is { } sliced)
            {
                cut++;
                AssertSameOutput(FeedGenerator.RenderParsed(stored, FullLink), sliced, Path.GetFileName(file));
            }
        }
        Assert.True(cut >= 10, $"only {cut} corpus objects were cut: the comparison no longer covers much");
    }

    public static TheoryData<string, string> NotSerialisedForm => new()
    {
        { "LF line ends", Calendar(Event("a", "DTSTART:20260301T100000Z\r\n")).Replace("\r\n", "\n", StringComparison.Ordinal) },
        { "a bare CR", Calendar(Event("a", "DTSTART:20260301T100000Z\r\nSUMMARY:a\rb\r\n")) },
        { "a lower-case name", Calendar(Event("a", "dtstart:20260301T100000Z\r\n")) },
        { "a name folded inside", Calendar(Event("a", "DTST\r\n ART:20260301T100000Z\r\n")) },
        { "a blank line", Calendar(Event("a", "DTSTART:20260301T100000Z\r\n\r\n")) },
        { "no line end at the end", Calendar(Event("a", "DTSTART:20260301T100000Z\r\n")).TrimEnd() },
        { "a TZID with an RFC 6868 escape", Calendar(Event("a", "DTSTART;TZID=A^'B:20260301T100000\r\n")) },
        { "a TZID with a trailing space (Evolution)", Calendar(Event("a", "DTSTART;TZID=Europe/Berlin :20260301T100000\r\n")) },
        { "content the reader rejects", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" },
    };

    [Theory]
    [MemberData(nameof(NotSerialisedForm))]
    public void Anything_else_is_left_to_the_parser(string what, string ics) =>
        Assert.True(StoredEventSlicer.TrySlice(Encoding.UTF8.GetBytes(ics)) is null, what);

    private static readonly FeedLink FullLink = new("token", "alice", null, FeedScope.Full, Instant.FromUnixTimeSeconds(0), null);

    private static StoredObject Stored(string ics)
    {
        var data = Encoding.UTF8.GetBytes(ics);
        return new StoredObject(
            new ObjectSummary("x.ics", null, "VEVENT", "text/calendar", ETag.FromContent(data), data.Length, Instant.FromUnixTimeSeconds(0), null, null), data);
    }

    private static void AssertSameOutput(FeedObjectOutput parsed, FeedObjectOutput sliced, string what = "")
    {
        Assert.True(parsed.EventCount == sliced.EventCount, what);
        Assert.True(parsed.OnlySingleInstanceEvents == sliced.OnlySingleInstanceEvents, what);
        Assert.Equal(Reserialised(parsed.Events), Reserialised(sliced.Events));
        Assert.Equal(parsed.TimeZones.Select(z => z.Tzid), sliced.TimeZones.Select(z => z.Tzid));
        foreach (var (fromParse, fromCut) in parsed.TimeZones.Zip(sliced.TimeZones))
        {
            Assert.Equal(fromParse.OwnDefinition is null ? null : Reserialised(fromParse.OwnDefinition),
                fromCut.OwnDefinition is null ? null : Reserialised(fromCut.OwnDefinition));
        }
    }

    // Components compared as the model sees them: parsed and written again, so quoting that differs but
    // means the same compares equal.
    private static string Reserialised(byte[] components) =>
        CalendarSerializer.SerializeToString(CalendarParser.ParseSingle(
            Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\n" + Encoding.UTF8.GetString(components) + "END:VCALENDAR\r\n"), IcalReaderOptions.Lenient));
}
