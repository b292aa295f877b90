using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Ical.Tests.Reading;

/// <summary>The parser shares repeated values between properties (Utf8ValueCache) without changing any value.</summary>
public class CalendarParserValueSharingTests
{
    private static string Events(int count, Func<int, string> body)
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("BEGIN:VEVENT\r\n").Append(body(i)).Append("END:VEVENT\r\n");
        }
        return text.Append("END:VCALENDAR\r\n").ToString();
    }

    private static IEnumerable<CalendarProperty> All(CalendarComponent calendar, string name) =>
        calendar.Components.SelectMany(c => c.GetProperties(name));

    [Fact]
    public void A_value_repeated_on_every_event_is_one_shared_string()
    {
        var calendar = CalendarParser.ParseSingle(Events(500, i =>
            $"UID:{i}@example.com\r\nDTSTAMP:20240101T000000Z\r\nSEQUENCE:0\r\n"));
        var stamps = All(calendar, "DTSTAMP").Select(p => p.RawValue).ToList();
        Assert.Equal(500, stamps.Count);
        Assert.All(stamps, stamp => Assert.Same(stamps[0], stamp));
        Assert.Equal("20240101T000000Z", stamps[0]);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"{i}@example.com"), All(calendar, "UID").Select(p => p.RawValue));
    }

    [Fact]
    public void Every_value_keeps_its_own_text_when_many_distinct_values_compete_for_the_cache()
    {
        var expected = Enumerable.Range(0, 3000).Select(i => $"Caf\u00e9 {i % 700} \\, room {i % 13}").ToList();
        var calendar = CalendarParser.ParseSingle(Events(3000, i => $"UID:{i}\r\nLOCATION:{expected[i]}\r\n"));
        Assert.Equal(expected, All(calendar, "LOCATION").Select(p => p.RawValue));
    }

    [Fact]
    public void Lenient_parsing_drops_control_characters_even_when_the_clean_value_was_seen_before()
    {
        var calendar = CalendarParser.ParseSingle(Events(3, i => i == 1 ? "SUMMARY:BU\u0001SY\r\n" : "SUMMARY:BUSY\r\n"), IcalReaderOptions.Lenient);
        Assert.Equal(["BUSY", "BUSY", "BUSY"], All(calendar, "SUMMARY").Select(p => p.RawValue));
    }

    [Fact]
    public void Values_longer_than_the_cache_limit_and_empty_values_parse_unchanged()
    {
        var longValue = new string('x', Utf8ValueCache.MaxValueLength + 10);
        var calendar = CalendarParser.ParseSingle(Events(2, _ => $"DESCRIPTION:{longValue}\r\nCOMMENT:\r\n"));
        Assert.Equal([longValue, longValue], All(calendar, "DESCRIPTION").Select(p => p.RawValue));
        Assert.Equal(["", ""], All(calendar, "COMMENT").Select(p => p.RawValue));
    }
}
