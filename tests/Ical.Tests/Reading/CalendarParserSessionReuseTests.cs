using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.Reading;

/// <summary>
/// Small inputs reuse one parse session per thread (CalendarParser.ParseSession): nothing of one parse,
/// finished or failed, may show up in the next one.
/// </summary>
public class CalendarParserSessionReuseTests
{
    private const string Event =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:one@example.com\r\n" +
        "DTSTAMP:20240101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20240105T100000\r\nSUMMARY:First\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private const string Other =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VTODO\r\nUID:two@example.com\r\n" +
        "DTSTAMP:20240202T000000Z\r\nDUE;VALUE=DATE:20240210\r\nSUMMARY:Second\r\nX-CUSTOM;X-P=a,b:v\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void Consecutive_parses_give_the_same_trees_as_first_parses()
    {
        var first = CalendarSerializer.SerializeToString(CalendarParser.ParseSingle(Event));
        var second = CalendarSerializer.SerializeToString(CalendarParser.ParseSingle(Other));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, CalendarSerializer.SerializeToString(CalendarParser.ParseSingle(Event)));
            Assert.Equal(second, CalendarSerializer.SerializeToString(CalendarParser.ParseSingle(Other)));
        }
        Assert.Equal(Event, first);
        Assert.Equal(Other, second);
    }

    [Theory]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:half@example.com\r\nSUMMARY:never ended\r\n")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=\"unterminated:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\nEND:VTODO\r\n")]
    public void A_failed_parse_leaves_nothing_behind_for_the_next_one(string broken)
    {
        Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(broken));
        var calendar = CalendarParser.ParseSingle(Event);
        var vevent = Assert.Single(calendar.Components);
        Assert.Equal(["UID", "DTSTAMP", "DTSTART", "SUMMARY"], vevent.Properties.Select(p => p.Name));
        Assert.Equal(["VERSION", "PRODID"], calendar.Properties.Select(p => p.Name));
        Assert.Equal(Event, CalendarSerializer.SerializeToString(calendar));
    }

    [Fact]
    public void Strict_and_lenient_parses_on_one_thread_keep_their_own_rules()
    {
        const string lowerCase = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nuid:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Assert.Equal("UID", CalendarParser.ParseSingle(lowerCase, IcalReaderOptions.Lenient).Components[0].Properties[0].Name);
        Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(lowerCase, IcalReaderOptions.Strict));
        Assert.Equal("UID", CalendarParser.ParseSingle(lowerCase, IcalReaderOptions.Lenient).Components[0].Properties[0].Name);
    }

    [Fact]
    public void Parses_on_many_threads_at_once_each_get_their_own_tree()
    {
        var results = new string[64];
        Parallel.For(0, results.Length, i =>
        {
            var text = Event.Replace("one@example.com", $"n{i}@example.com", StringComparison.Ordinal);
            results[i] = CalendarParser.ParseSingle(text).Components[0].GetProperty("UID")!.RawValue;
        });
        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => $"n{i}@example.com"), results);
    }
}
