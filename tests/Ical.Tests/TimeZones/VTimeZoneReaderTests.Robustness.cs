using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

public partial class VTimeZoneReaderRobustnessTests
{
    // Values hostile or careless producers write into observances.
    private static readonly string[] HostileValues =
    [
        "", "X", "+1800", "-1800", "+0000", "-0000", "+2400", "+013", "00010101T000000", "00020101T000000",
        "99981231T235959", "99991231T235959", "16010101T000000Z", "20240230T020000", "20240101T250000",
        "FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=1", "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "FREQ=YEARLY;COUNT=0", "FREQ=YEARLY;BYMONTH=13",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;UNTIL=99991231T235959Z", "FREQ=YEARLY;UNTIL=00010101",
        "FREQ=DAILY;BYDAY=-1SU", "FREQ=YEARLY;BYDAY=53MO", "FREQ=YEARLY;COUNT=2147483647",
        "20200101T000000/PT1H", "20200101T000000,,20210101T000000",
    ];

    private static readonly string[] ObservanceProperties = ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"];

    private static readonly Instant[] Probes =
    [
        Instant.FromUtc(-9000, 1, 1, 0, 0), Instant.FromUtc(1, 1, 1, 0, 0), Instant.FromUtc(1600, 6, 1, 0, 0),
        Instant.FromUtc(2024, 3, 31, 1, 0), Instant.FromUtc(9998, 12, 31, 0, 0), Instant.MaxValue - Duration.FromDays(2),
    ];

    [Fact]
    public void Hostile_observance_values_give_IcalFormatException_or_a_zone_that_answers_everywhere()
    {
        var random = new Random(5545);
        string[] fixtures = [VTimeZoneFixtures.NewYork, VTimeZoneFixtures.Berlin, VTimeZoneFixtures.LondonRDates];
        for (var round = 0; round < 300; round++)
        {
            var vtimezone = TestCalendarText.Parse(fixtures[random.Next(fixtures.Length)]);
            var observances = vtimezone.Components.ToArray();
            var index = random.Next(observances.Length);
            var name = ObservanceProperties[random.Next(ObservanceProperties.Length)];
            var value = HostileValues[random.Next(HostileValues.Length)];
            observances[index] = observances[index].WithProperty(name, new CalendarProperty(name, value));
            var mutated = vtimezone.WithComponents([.. observances]);

            var outcome = Record.Exception(() =>
            {
                var zone = VTimeZoneReader.FromComponent(mutated);
                foreach (var probe in Probes)
                {
                    zone.GetUtcOffset(probe);
                    LocalTimeResolution.Resolve(probe.InUtc().LocalDateTime, zone);
                }
            });

            Assert.True(outcome is null or IcalFormatException, $"{name}:{value} -> {outcome}");
        }
    }
}
