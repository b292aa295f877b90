using System.Buffers;
using System.Collections.Immutable;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Tests.Reading;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.Writing;

public class CalendarSerializerTests
{
    [Fact]
    public void Serialize_writes_components_and_properties_in_model_order()
    {
        var calendar = new CalendarComponent("VCALENDAR",
            ImmutableArray.Create(new CalendarProperty("VERSION", "2.0"), new CalendarProperty("PRODID", "-//t//EN")),
            ImmutableArray.Create(new CalendarComponent("VEVENT",
                ImmutableArray.Create(new CalendarProperty("UID", "1")),
                ImmutableArray.Create(new CalendarComponent("VALARM", ImmutableArray.Create(new CalendarProperty("ACTION", "DISPLAY")), default))),
                new CalendarComponent("X-THING", default, default)));
        Assert.Equal(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n" +
            "END:VALARM\r\nEND:VEVENT\r\nBEGIN:X-THING\r\nEND:X-THING\r\nEND:VCALENDAR\r\n",
            CalendarSerializer.SerializeToString(calendar));
    }

    [Fact]
    public void Write_appends_to_a_buffer_writer_and_matches_Serialize()
    {
        var calendar = CalendarParser.ParseSingle("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
        var buffer = new ArrayBufferWriter<byte>();
        CalendarSerializer.Write(calendar, buffer);
        Assert.Equal(CalendarSerializer.Serialize(calendar), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Writing_several_components_gives_their_serialisations_back_to_back()
    {
        var calendar = CalendarParser.ParseSingle(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:" + new string('x', 120) + "\r\nBEGIN:VALARM\r\n" +
            "ACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        var events = calendar.Components.ToList();
        var buffer = new ArrayBufferWriter<byte>();
        CalendarSerializer.Write(events, buffer);
        Assert.Equal(CalendarSerializer.Serialize(events[0]).Concat(CalendarSerializer.Serialize(events[1])), buffer.WrittenSpan.ToArray());
        Assert.Contains("\r\n ", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Lenient_input_round_trips_to_strict_output_that_is_byte_stable()
    {
        var messy = "begin:vcalendar\nversion:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=\"Europe/Berlin \":20240101T090000\n" +
                    "SUMMARY:" + new string('x', 200) + "\nATTENDEE;CN=\"A, B\";X-Q=\"^'q^'\":mailto:a@b\nEND:VEVENT\nend:vcalendar\n";
        var first = CalendarParser.ParseSingle(messy, IcalReaderOptions.Lenient);
        var bytes = CalendarSerializer.Serialize(first);
        var second = CalendarParser.ParseSingle(bytes, IcalReaderOptions.Strict);
        CalendarParserTests.AssertEqualModels(first, second);
        Assert.Equal(bytes, CalendarSerializer.Serialize(second));
    }
}
