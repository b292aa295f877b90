using System.Text;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Ical.Tests.Reading;

public partial class IcalReaderTests
{
    private static IcalFormatException ReadError(string text, IcalReaderOptions options)
    {
        return Assert.Throws<IcalFormatException>(() => Tokens(text, options));
    }

    public static TheoryData<string, string, int, int> MalformedInput => new()
    {
        // text, part of the reason, line, column
        { "BEGIN:VCALENDAR\r\nSUMMARY hello\r\nEND:VCALENDAR\r\n", "expected ':'", 2, 8 },
        { "BEGIN:VCALENDAR\r\nSUMMARY\r\nEND:VCALENDAR\r\n", "missing ':'", 2, 8 },
        { "BEGIN:VCALENDAR\r\n:novalue\r\nEND:VCALENDAR\r\n", "property name", 2, 1 },
        { "BEGIN:VCALENDAR\r\nX-A;=b:c\r\nEND:VCALENDAR\r\n", "parameter name", 2, 5 },
        { "BEGIN:VCALENDAR\r\nX-A;B:c\r\nEND:VCALENDAR\r\n", "'='", 2, 6 },
        { "BEGIN:VCALENDAR\r\nX-A;B=\"open:c\r\nEND:VCALENDAR\r\n", "unterminated", 2, 7 },
        { "BEGIN:VCALENDAR\r\nX-A;B=\"q\"x:c\r\nEND:VCALENDAR\r\n", "after a quoted", 2, 10 },
        { "BEGIN:VCALENDAR\r\nX-A;B=a\"b:c\r\nEND:VCALENDAR\r\n", "'\"' inside", 2, 8 },
        { "BEGIN:VCALENDAR\r\nX-A;B=abc\r\nEND:VCALENDAR\r\n", "missing ':'", 2, 10 },
        { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "does not close BEGIN:VEVENT (line 2)", 3, 5 },
        { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n", "END:VCALENDAR is missing", 4, 1 },
        { "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX-AFTER:1\r\n", "after the END", 3, 1 },
        { "VERSION:2.0\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "outside of any component", 1, 1 },
        { "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n", "END without", 3, 5 },
        { "BEGIN:VCALENDAR\r\nBEGIN:\r\nEND:VCALENDAR\r\n", "invalid component name", 2, 7 },
        { "BEGIN:VCALENDAR\r\nBEGIN:V EVENT\r\nEND:VCALENDAR\r\n", "invalid component name", 2, 7 },
        // a fold moves the error to the continuation line: "X-LONG;A=b" + fold + "cd\"e:x"
        { "BEGIN:VCALENDAR\r\nX-LONG;A=b\r\n cd\"e:x\r\nEND:VCALENDAR\r\n", "'\"' inside", 3, 4 },
    };

    [Theory]
    [MemberData(nameof(MalformedInput))]
    public void Malformed_input_is_an_IcalFormatException_with_line_and_column_in_both_modes(string text, string reason, int line, int column)
    {
        foreach (var options in new[] { IcalReaderOptions.Strict, IcalReaderOptions.Lenient })
        {
            var error = ReadError(text, options);
            Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
            Assert.Equal((line, column), (error.Line, error.Column));
        }
    }

    public static TheoryData<string, string, int, int> ProducerQuirks => new()
    {
        // text accepted by Lenient, rejected by Strict with: reason part, line, column
        { "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "line feed without carriage return", 1, 16 },
        { "BEGIN:VCALENDAR\rVERSION:2.0\rEND:VCALENDAR\r", "carriage return without line feed", 1, 16 },
        { "\uFEFFBEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "byte order mark", 1, 1 },
        { "begin:vcalendar\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "lower-case name", 1, 1 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:vcalendar\r\n", "lower-case name", 3, 5 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-A;cn=x:1\r\nEND:VCALENDAR\r\n", "lower-case parameter", 3, 5 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-LONG:" + new string('a', 80) + "\r\nEND:VCALENDAR\r\n", "75 octets", 3, 76 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nDTSTART;TZID=\"Europe/Berlin\":20240101T090000\r\nEND:VCALENDAR\r\n", "quoted TZID", 3, 14 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nDTSTART;TZID=Europe/Berlin :20240101T090000\r\nEND:VCALENDAR\r\n", "trailing space", 3, 27 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\r\nEND:VCALENDAR\r\n", "empty line", 3, 1 },
        { "BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n", "must be VCALENDAR", 1, 7 },
        { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:a\u0001b\r\nEND:VCALENDAR\r\n", "control character", 3, 10 },
    };

    [Theory]
    [MemberData(nameof(ProducerQuirks))]
    public void Producer_quirks_are_read_by_Lenient_and_rejected_precisely_by_Strict(string text, string reason, int line, int column)
    {
        Assert.NotEmpty(Tokens(text, IcalReaderOptions.Lenient));
        var error = ReadError(text, IcalReaderOptions.Strict);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Lenient_normalises_lower_case_names_to_upper_case()
    {
        var tokens = Tokens("begin:vcalendar\nversion:2.0\nx-Thing:Value\nEnd:VCalendar\n", IcalReaderOptions.Lenient);
        Assert.Equal(["VCALENDAR", "VERSION", "X-THING", "VCALENDAR"], tokens.Select(t => t.Name));
        Assert.Equal("Value", tokens[2].Value);
    }

    [Fact]
    public void Strict_rejects_invalid_utf8_at_its_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nSUMMARY:ab\r\nEND:VCALENDAR\r\n");
        bytes[26] = 0xFF; // the "b" after "SUMMARY:a"
        var error = Assert.Throws<IcalFormatException>(() =>
        {
            var reader = new IcalReader(bytes, IcalReaderOptions.Strict);
            while (reader.Read())
            {
            }
        });
        Assert.Equal((2, 10), (error.Line, error.Column));
    }
}
