using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.Reading;

/// <summary>The exports of real clients (tests/TestData/clients, see its README) in both modes and round trips.</summary>
public class ClientFixtureTests
{
    internal static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "clients");

    internal static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(FixtureFolder, name));

    public static TheoryData<string, string> FixturesAndTheirStrictError => new()
    {
        { "apple-calendar.ics", "line feed without carriage return" },
        { "google-calendar.ics", "75 octets" },
        { "outlook.ics", "byte order mark" },
        { "thunderbird.ics", "DTEND and DURATION" },
        { "evolution.ics", "trailing space in the TZID" },
    };

    [Fact]
    public void Every_fixture_file_is_covered()
    {
        var files = Directory.GetFiles(FixtureFolder, "*.ics").Select(Path.GetFileName).Order();
        Assert.Equal(FixturesAndTheirStrictError.Select(row => (string)row[0]).Order(), files);
    }

    [Theory]
    [MemberData(nameof(FixturesAndTheirStrictError))]
    public void Lenient_reads_the_fixture_and_Strict_names_its_quirk(string file, string strictReason)
    {
        var calendar = CalendarParser.ParseSingle(Fixture(file), IcalReaderOptions.Lenient);
        Assert.NotEmpty(calendar.GetComponents("VTIMEZONE"));
        var events = calendar.Components.Where(c => c.Name is "VEVENT").ToList();
        Assert.Contains(events, e => e.GetProperty("RRULE") is not null);
        Assert.Contains(calendar.Components, c => c.GetComponents("VALARM").Any());
        Assert.Contains(AllProperties(calendar), p => p.RawValue.Any(ch => ch > 127));
        foreach (var vevent in events)
        {
            IcalDateTime.FromProperty(vevent.GetProperty("DTSTART")!);
            foreach (var exdate in vevent.GetProperties("EXDATE"))
            {
                Assert.NotEmpty(DateTimeListValue.Parse(exdate));
            }
        }

        var error = Assert.Throws<IcalFormatException>(() => CalendarParser.ParseSingle(Fixture(file), IcalReaderOptions.Strict));
        Assert.Contains(strictReason, error.Reason, StringComparison.Ordinal);
        Assert.True(error.Line >= 1);
    }

    [Theory]
    [MemberData(nameof(FixturesAndTheirStrictError))]
    public void A_fixture_round_trips_to_an_equal_model_and_stable_strict_bytes(string file, string strictReason)
    {
        Assert.NotNull(strictReason);
        var first = CalendarParser.ParseSingle(Fixture(file), IcalReaderOptions.Lenient);
        var written = CalendarSerializer.Serialize(first);
        var second = CalendarParser.ParseSingle(written, IcalReaderOptions.Strict);
        CalendarParserTests.AssertEqualModels(first, second);
        Assert.Equal(written, CalendarSerializer.Serialize(second));
    }

    [Fact]
    public void Evolution_date_exdates_on_a_date_time_event_are_dates()
    {
        var vevent = CalendarParser.ParseSingle(Fixture("evolution.ics"), IcalReaderOptions.Lenient).GetComponents("VEVENT").Single();
        var exdates = vevent.GetProperties("EXDATE").SelectMany(DateTimeListValue.Parse).ToList();
        Assert.Equal(3, exdates.Count);
        Assert.All(exdates, d => Assert.True(d.IsDate));
        Assert.False(IcalDateTime.FromProperty(vevent.GetProperty("DTSTART")!).IsDate);
        Assert.Equal("/freeassociation.sourceforge.net/Europe/Madrid", vevent.GetProperty("DTEND")!.GetParameterValue("TZID"));
    }

    [Fact]
    public void Thunderbird_zero_duration_is_dropped_and_its_extensions_kept()
    {
        var vevent = CalendarParser.ParseSingle(Fixture("thunderbird.ics"), IcalReaderOptions.Lenient).GetComponents("VEVENT").Single();
        Assert.Null(vevent.GetProperty("DURATION"));
        Assert.Equal("4", vevent.GetProperty("X-MOZ-GENERATION")!.RawValue);
        Assert.NotNull(vevent.GetProperty("X-MOZ-SNOOZE-TIME-1709143200000000"));
    }

    [Fact]
    public void Outlook_windows_tzids_are_unquoted_and_cdo_properties_kept()
    {
        var calendar = CalendarParser.ParseSingle(Fixture("outlook.ics"), IcalReaderOptions.Lenient);
        Assert.Equal(1, calendar.Line); // the BOM does not count as a line
        var vevent = calendar.GetComponents("VEVENT").First();
        Assert.Equal("W. Europe Standard Time", vevent.GetProperty("DTSTART")!.GetParameterValue("TZID"));
        Assert.Equal("BUSY", vevent.GetProperty("X-MICROSOFT-CDO-BUSYSTATUS")!.RawValue);
        Assert.Equal("Lefèvre, Amélie", vevent.GetProperty("ORGANIZER")!.GetParameterValue("CN"));
    }

    [Fact]
    public void Google_non_ascii_text_survives_unescaping()
    {
        var calendar = CalendarParser.ParseSingle(Fixture("google-calendar.ics"), IcalReaderOptions.Lenient);
        var standup = calendar.GetComponents("VEVENT").First();
        Assert.Equal("東京本社 12階, 会議室 A", TextValue.Unescape(standup.GetProperty("LOCATION")!.RawValue));
        Assert.Equal("会議室 A (8)", standup.GetProperties("ATTENDEE").Last().GetParameterValue("CN"));
    }

    private static IEnumerable<CalendarProperty> AllProperties(CalendarComponent component) =>
        component.Properties.Concat(component.Components.SelectMany(AllProperties));
}
