using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>Compares two zones' UTC offsets at many instants and reports the first differences.</summary>
internal static class ZoneComparison
{
    /// <summary>
    /// Instants every <paramref name="step"/> from <paramref name="from"/> to <paramref name="to"/>,
    /// plus each transition of <paramref name="expected"/> in that range and one second either side.
    /// </summary>
    public static IEnumerable<Instant> SampleInstants(DateTimeZone expected, Instant from, Instant to, Duration step)
    {
        for (var instant = from; instant < to; instant += step)
        {
            yield return instant;
        }
        foreach (var interval in expected.GetZoneIntervals(from, to))
        {
            if (interval.HasStart && interval.Start >= from)
            {
                yield return interval.Start - Duration.FromSeconds(1);
                yield return interval.Start;
                yield return interval.Start + Duration.FromSeconds(1);
            }
        }
    }

    public static List<string> Differences(DateTimeZone expected, DateTimeZone actual, IEnumerable<Instant> instants)
    {
        var differences = new List<string>();
        foreach (var instant in instants)
        {
            var want = expected.GetUtcOffset(instant);
            var got = actual.GetUtcOffset(instant);
            if (want != got && differences.Count < 10)
            {
                differences.Add($"{instant}: expected {want}, got {got}");
            }
        }
        return differences;
    }

    public static Instant Utc(int year, int month = 1, int day = 1) => Instant.FromUtc(year, month, day, 0, 0);
}
