using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Ical.Tests.Reading;

public class CalendarParserTests
{
    private const string Sample =
        "BEGIN:VCALENDAR\r\n" +
        "VERSION:2.0\r\n" +
        "PRODID:-//Example//EN\r\n" +
        "X-WR-CALNAME:Work\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:a@example.com\r\n" +
        "DTSTART;TZID=Europe/Berlin:20240101T090000\r\n" +
        "DTEND;TZID=Europe/Berlin:20240101T100000\r\n" +
        "ATTENDEE;CN=\"Doe, Jane\";PARTSTAT=ACCEPTED;X-CUSTOM=a,b:mailto:jane@ex\r\n" +
        " ample.com\r\n" +
        "SUMMARY:Caf\u00e9 \\, Kuchen\r\n" +
        "BEGIN:VALARM\r\n" +
        "ACTION:DISPLAY\r\n" +
        "TRIGGER:-PT15M\r\n" +
        "END:VALARM\r\n" +
        "BEGIN:X-UNKNOWN\r\n" +
        "X-KEPT:yes\r\n" +
        "END:X-UNKNOWN\r\n" +
        "END:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    [Fact]
    public void Parse_builds_the_component_tree_with_every_property_in_order_and_line_numbers()
    {
        var calendar = CalendarParser.ParseSingle(Sample, IcalReaderOptions.Strict);
        Assert.Equal(["VERSION", "PRODID", "X-WR-CALNAME"], calendar.Properties.Select(p => p.Name));
        var vevent = Assert.Single(calendar.Components);
        Assert.Equal(5, vevent.Line);
        Assert.Equal(["UID", "DTSTART", "DTEND", "ATTENDEE", "SUMMARY"], vevent.Properties.Select(p => p.Name));
        Assert.Equal(["VALARM", "X-UNKNOWN"], vevent.Components.Select(c => c.Name));
        Assert.Equal(12, vevent.Components[0].Line); // the folded ATTENDEE takes two lines
        Assert.Equal("yes", vevent.Components[1].GetProperty("X-KEPT")!.RawValue);

        var attendee = vevent.GetProperty("ATTENDEE")!;
        Assert.Equal(9, attendee.Line);
        Assert.Equal("Doe, Jane", attendee.GetParameterValue("CN"));
        Assert.Equal(["a", "b"], attendee.GetParameter("X-CUSTOM")!.Values.ToArray());
        Assert.Equal("mailto:jane@example.com", attendee.RawValue);
        Assert.Equal("Caf\u00e9 \\, Kuchen", vevent.GetProperty("SUMMARY")!.RawValue); // escapes untouched
    }

    [Fact]
    public void Known_names_and_repeated_parameter_values_are_interned()
    {
        var first = CalendarParser.ParseSingle(Sample);
        var second = CalendarParser.ParseSingle(Sample);
        var a = first.Components[0];
        var b = second.Components[0];
        Assert.Same(a.Properties[1].Name, b.Properties[1].Name); // "DTSTART" from the static table
        Assert.Same(a.Properties[1].Parameters[0].Name, b.Properties[1].Parameters[0].Name);
        // the same TZID value on two properties of one parse is one string
        Assert.Same(a.Properties[1].Parameters[0].Value, a.Properties[2].Parameters[0].Value);
    }

    [Fact]
    public void Lenient_drops_a_zero_duration_next_to_dtend_and_Strict_rejects_it()
    {
        // Thunderbird writes DURATION:PT0S beside DTEND (INTEROP.md; RFC 5545 3.6.1 forbids both).
        var text = Sample.Replace("SUMMARY:", "DURATION:PT0S\r\nSUMMARY:", StringComparison.Ordinal);
        var vevent = CalendarParser.ParseSingle(text, IcalReaderOptions.Lenient).Components[0];
        Assert.Null(vevent.GetProperty("DURATION"));
        Assert.NotNull(vevent.GetProperty("DTEND"));
        var error = Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(text, IcalReaderOptions.Strict));
        Assert.Equal(11, error.Line);
        Assert.Contains("DTEND and DURATION", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_duration_next_to_dtend_is_an_error_in_both_modes()
    {
        var text = Sample.Replace("SUMMARY:", "DURATION:PT1H\r\nSUMMARY:", StringComparison.Ordinal);
        Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(text, IcalReaderOptions.Lenient));
        Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(text, IcalReaderOptions.Strict));
    }

    [Fact]
    public void A_missing_version_is_accepted_by_Lenient_only()
    {
        var text = Sample.Replace("VERSION:2.0\r\n", "", StringComparison.Ordinal);
        Assert.Null(CalendarParser.ParseSingle(text, IcalReaderOptions.Lenient).GetProperty("VERSION"));
        var error = Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(text, IcalReaderOptions.Strict));
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Lenient_trims_spaces_around_tzid_values_and_unquotes_them()
    {
        var text = Sample.Replace("DTSTART;TZID=Europe/Berlin", "DTSTART;TZID=\"Europe/Berlin  \"", StringComparison.Ordinal)
            .Replace("DTEND;TZID=Europe/Berlin", "dtend;tzid=Europe/Berlin ", StringComparison.Ordinal);
        var vevent = CalendarParser.ParseSingle(text, IcalReaderOptions.Lenient).Components[0];
        Assert.Equal("Europe/Berlin", vevent.GetProperty("DTSTART")!.GetParameterValue("TZID"));
        var dtend = vevent.GetProperty("DTEND")!;
        Assert.Equal("TZID", dtend.Parameters[0].Name);
        Assert.Equal("Europe/Berlin", dtend.Parameters[0].Value);
    }

    [Fact]
    public void Parse_returns_every_top_level_calendar_and_ParseSingle_wants_exactly_one()
    {
        var two = Encoding.UTF8.GetBytes(Sample + Sample);
        Assert.Equal(2, CalendarParser.Parse(two).Count);
        var error = Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(two));
        Assert.Equal(21, error.Line);
        Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(""));
        Assert.Empty(CalendarParser.Parse(""u8));
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters_in_Lenient()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);
        var at = Sample.IndexOf("Kuchen", StringComparison.Ordinal) + 1; // ASCII before it, so char index = byte index + 1 for the é
        bytes[at] = 0xC3; // a lead byte followed by ASCII is invalid
        var summary = CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient).Components[0].GetProperty("SUMMARY")!;
        Assert.Contains('\uFFFD', summary.RawValue);
        Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(bytes, IcalReaderOptions.Strict));
    }

    [Fact]
    public void Caret_escapes_in_parameters_are_decoded_into_the_model()
    {
        var text = Sample.Replace("CN=\"Doe, Jane\"", "CN=\"Doe ^'JJ^' Jane^nSecond^^\"", StringComparison.Ordinal);
        var attendee = CalendarParser.ParseSingle(text).Components[0].GetProperty("ATTENDEE")!;
        Assert.Equal("Doe \"JJ\" Jane\nSecond^", attendee.GetParameterValue("CN"));
    }

    internal static void AssertEqualModels(CalendarComponent expected, CalendarComponent actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(
            expected.Properties.Select(Describe),
            actual.Properties.Select(Describe));
        Assert.Equal(expected.Components.Length, actual.Components.Length);
        for (var i = 0; i < expected.Components.Length; i++)
        {
            AssertEqualModels(expected.Components[i], actual.Components[i]);
        }
    }

    private static string Describe(CalendarProperty property) =>
        property.Name + string.Concat(property.Parameters.Select(p => ";" + p.Name + "=[" + string.Join("|", p.Values) + "]")) + ":" + property.RawValue;
}
