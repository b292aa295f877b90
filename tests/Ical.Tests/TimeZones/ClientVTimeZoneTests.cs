using System.Text;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>The VTIMEZONEs real clients sent (tests/TestData/clients) against tzdb.</summary>
public class ClientVTimeZoneTests
{
    public static TheoryData<string> ClientFiles => new()
    {
        "apple-calendar.ics", "evolution.ics", "google-calendar.ics", "outlook.ics", "thunderbird.ics",
    };

    [Theory]
    [MemberData(nameof(ClientFiles))]
    public void Each_clients_VTIMEZONE_agrees_with_the_built_in_zone_its_TZID_names_in_recent_years(string file)
    {
        var calendar = CalendarParser.ParseSingle(File.ReadAllBytes(Path.Combine("TestData", "clients", file)));
        var vtimezones = calendar.GetComponents("VTIMEZONE").ToList();

        Assert.NotEmpty(vtimezones);
        foreach (var vtimezone in vtimezones)
        {
            var tzid = vtimezone.GetProperty("TZID")!.RawValue;
            var builtIn = TimeZoneResolver.Default.Find(tzid);
            Assert.True(builtIn is not null, $"{file}: TZID {tzid} is not recognised");
            var fromData = VTimeZoneReader.FromComponent(vtimezone);
            // The clients' rules are the current ones (US since 2007, EU since 1996).
            var instants = ZoneComparison.SampleInstants(builtIn, ZoneComparison.Utc(2008), ZoneComparison.Utc(2060), Duration.FromHours(73));
            Assert.Empty(ZoneComparison.Differences(builtIn, fromData, instants));
        }
    }

    [Theory]
    [MemberData(nameof(ClientFiles))]
    public void With_the_calendar_every_TZID_of_the_file_still_means_the_built_in_zone(string file)
    {
        var calendar = CalendarParser.ParseSingle(File.ReadAllBytes(Path.Combine("TestData", "clients", file)));
        var zones = TimeZoneResolver.Default.WithCalendar(calendar);

        foreach (var vtimezone in calendar.GetComponents("VTIMEZONE"))
        {
            var tzid = vtimezone.GetProperty("TZID")!.RawValue;
            Assert.Same(TimeZoneResolver.Default.Find(tzid), zones.Find(tzid));
        }
    }
}
