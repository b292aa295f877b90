using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.Writing;

// RFC 5545 3.1 (folding, CRLF) and 3.2 / RFC 6868 (parameter values)
public class IcalWriterTests
{
    private static string Write(CalendarProperty property)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new IcalWriter(buffer).WriteProperty(property);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static byte[] WriteBytes(CalendarProperty property)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new IcalWriter(buffer).WriteProperty(property);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void A_short_property_is_one_line_ending_in_crlf()
    {
        Assert.Equal("SUMMARY:Hello\r\n", Write(new CalendarProperty("SUMMARY", "Hello")));
    }

    [Theory]
    [InlineData("a")]         // one-byte characters
    [InlineData("\u00fc")]    // two-byte
    [InlineData("\u6771")]    // three-byte
    [InlineData("\U0001F600")] // four-byte
    public void Long_lines_fold_at_75_octets_without_splitting_utf8_sequences(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 300));
        var bytes = WriteBytes(new CalendarProperty("DESCRIPTION", text));
        var lines = Split(bytes);
        Assert.True(lines.Count > 2);
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 75, $"line of {line.Length} octets");
            // Each physical line decodes on its own: no sequence was cut.
            Assert.True(System.Text.Unicode.Utf8.IsValid(line), "a fold split a UTF-8 sequence");
        }
        Assert.All(lines.Skip(1), line => Assert.Equal((byte)' ', line[0]));
        Assert.True(lines[0].Length >= 72, "folds as late as the sequence allows");
        Assert.Equal("DESCRIPTION:" + text, string.Concat(lines.Select((l, i) => Encoding.UTF8.GetString(i == 0 ? l : l[1..]))));
    }

    [Fact]
    public void Output_never_contains_a_bare_line_feed_or_carriage_return()
    {
        var property = new CalendarProperty("DESCRIPTION", "one\r\ntwo\nthree\rfour").WithParameter("X-P", "a\nb");
        var text = Write(property);
        Assert.Equal("DESCRIPTION;X-P=a^nb:one\\ntwo\\nthree\\nfour\r\n", text);
    }

    [Theory]
    [InlineData("Europe/Berlin", "TZID=Europe/Berlin")]
    [InlineData("Doe, Jane", "CN=\"Doe, Jane\"")]
    [InlineData("mailto:a@b.c", "CN=\"mailto:a@b.c\"")]
    [InlineData("a;b", "CN=\"a;b\"")]
    [InlineData("say \"hi\"", "CN=say ^'hi^'")]
    [InlineData("x^y", "CN=x^^y")]
    [InlineData("", "CN=")]
    public void Parameter_values_are_quoted_and_caret_escaped_only_where_needed(string value, string expected)
    {
        var name = expected.StartsWith("TZID", StringComparison.Ordinal) ? "TZID" : "CN";
        var written = Write(new CalendarProperty("X-A", "v").WithParameter(name, value));
        Assert.Equal($"X-A;{expected}:v\r\n", written);
        var parsed = CalendarParser.ParseSingle($"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{written}END:VCALENDAR\r\n", IcalReaderOptions.Strict);
        Assert.Equal(value, parsed.GetProperty("X-A")!.GetParameterValue(name));
    }

    [Fact]
    public void Parameter_value_lists_are_comma_separated()
    {
        var property = new CalendarProperty("ATTENDEE", ImmutableArray.Create(
            new CalendarParameter("DELEGATED-TO", ImmutableArray.Create("mailto:a@x", "mailto:b@x"))), "mailto:c@x");
        Assert.Equal("ATTENDEE;DELEGATED-TO=\"mailto:a@x\",\"mailto:b@x\":mailto:c@x\r\n", Write(property));
    }

    [Theory]
    [InlineData("")]
    [InlineData("BAD NAME")]
    [InlineData("X-A:B")]
    public void Invalid_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => Write(new CalendarProperty(name, "v")));
    }

    private static List<byte[]> Split(byte[] bytes)
    {
        var text = bytes.AsSpan();
        Assert.True(text.EndsWith("\r\n"u8));
        var lines = new List<byte[]>();
        while (!text.IsEmpty)
        {
            var end = text.IndexOf("\r\n"u8);
            var line = text[..end];
            Assert.True(line.IndexOfAny((byte)'\r', (byte)'\n') < 0);
            lines.Add(line.ToArray());
            text = text[(end + 2)..];
        }
        return lines;
    }
}
