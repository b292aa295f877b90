using System.Globalization;
using AuroraTime.Ical.Tests.Oracles;
using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>
/// The builder's output read by independent implementations: python3-icalendar and ical.js. One
/// oracle process answers for all zones, so the comparison costs one start-up, not one per zone.
/// </summary>
public partial class VTimeZoneBuilderTests
{
    private static readonly string[] OracleZones =
    [
        "Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Sao_Paulo", "Asia/Tehran",
        "Africa/Casablanca", "Pacific/Chatham", "Asia/Kolkata", "Europe/Moscow", "America/St_Johns",
        "Australia/Lord_Howe", "Pacific/Apia",
    ];

    private static readonly Instant OracleFrom = ZoneComparison.Utc(2000);
    private static readonly Instant OracleTo = ZoneComparison.Utc(2030);

    [OracleFact(Oracle.PythonIcalendar)]
    public void Python_icalendar_reads_the_same_offsets_from_the_built_VTIMEZONEs()
    {
        OracleTool.Require(Oracle.PythonIcalendar);
        var cases = OracleZones.Select(id => Tzdb[id]).Select(zone => (
            Zone: zone,
            Instants: ZoneComparison.SampleInstants(zone, OracleFrom, OracleTo, Duration.FromHours(97)).ToList())).ToList();
        var request = new
        {
            cases = cases.Select(c => new
            {
                ics = TestCalendarText.Write(VTimeZoneBuilder.Build(c.Zone, OracleFrom, OracleTo)),
                instants = c.Instants.Select(i => i.ToUnixTimeSeconds()).ToArray(),
            }).ToArray(),
        };

        var answers = OracleProcess.Run<int[][]>("/usr/bin/python3", ["vtimezone_offsets.py"], request);

        Assert.Equal(cases.Count, answers.Length);
        var differences = cases.Zip(answers).SelectMany(pair => pair.First.Instants.Zip(pair.Second)
                .Where(sample => pair.First.Zone.GetUtcOffset(sample.First).Seconds != sample.Second)
                .Select(sample => $"{pair.First.Zone.Id} {sample.First}: tzdb {pair.First.Zone.GetUtcOffset(sample.First)}, python {sample.Second}s"))
            .Take(10).ToList();
        Assert.Empty(differences);
        Assert.All(cases.Zip(answers), pair => Assert.Equal(pair.First.Instants.Count, pair.Second.Length));
    }

    [OracleFact(Oracle.IcalJs)]
    public void Icaljs_gives_local_times_the_same_offsets_from_the_built_VTIMEZONEs()
    {
        OracleTool.Require(Oracle.IcalJs);
        // ical.js's own question is "which offset does this local time have" (ICAL.Timezone.utcOffset),
        // so it is asked about local times that occur exactly once: every 97 hours, and the wall
        // times one second before and after each transition.
        var cases = OracleZones.Select(id => Tzdb[id]).Select(zone => (
            Zone: zone,
            Locals: ZoneComparison.SampleInstants(zone, OracleFrom, OracleTo, Duration.FromHours(97))
                .Select(i => i.InZone(zone).LocalDateTime)
                .Where(local => zone.MapLocal(local).Count == 1)
                .ToList())).ToList();
        var request = new
        {
            cases = cases.Select(c => new
            {
                ics = TestCalendarText.Write(VTimeZoneBuilder.Build(c.Zone, OracleFrom, OracleTo)),
                locals = c.Locals.Select(l => l.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).ToArray(),
            }).ToArray(),
        };

        var answers = OracleProcess.Run<int[][]>("node", ["vtimezone-offsets.mjs"], request);

        Assert.Equal(cases.Count, answers.Length);
        var differences = cases.Zip(answers).SelectMany(pair => pair.First.Locals.Zip(pair.Second)
                .Where(sample => pair.First.Zone.MapLocal(sample.First).First().Offset.Seconds != sample.Second)
                .Select(sample => $"{pair.First.Zone.Id} {sample.First}: tzdb {pair.First.Zone.MapLocal(sample.First).First().Offset}, ical.js {sample.Second}s"))
            .Take(10).ToList();
        Assert.Empty(differences);
        Assert.All(cases.Zip(answers), pair => Assert.Equal(pair.First.Locals.Count, pair.Second.Length));
    }
}
