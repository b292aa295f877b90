using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Tests.Occurrences;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Validation;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeRange;

/// <summary>Properties checked over every file of the occurrence corpus.</summary>
public class OccurrenceBoundsCorpusTests
{
    private static readonly DateTimeZone[] ViewerZones =
        [DateTimeZone.Utc, DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"], DateTimeZoneProviders.Tzdb["Etc/GMT+12"]];

    [Fact]
    public void Bounds_never_exclude_a_range_the_exact_test_matches()
    {
        var failures = new List<string>();
        var matched = 0;
        foreach (var file in OccurrenceCorpus.Files)
        {
            var calendar = CalendarParser.ParseSingle(File.ReadAllBytes(file));
            var (first, last) = TimeRangeFilter.OccurrenceBounds(calendar, TimeZoneResolver.Default);
            // Day-long probes around the series start, in viewer zones at both ends of the offset range.
            var origin = first == Instant.MinValue ? Instant.FromUtc(2024, 1, 1, 0, 0) : first;
            for (var day = -2; day < 40; day += 3)
            {
                var start = origin + Duration.FromDays(day);
                var end = start + Duration.FromDays(1);
                foreach (var zone in ViewerZones)
                {
                    var matches = TimeRangeFilter.Overlaps(calendar, "VEVENT", start, end, TimeZoneResolver.Default, zone);
                    matched += matches ? 1 : 0;
                    var admitted = first <= end && (last is null || last >= start);
                    if (matches && !admitted)
                    {
                        failures.Add($"{Path.GetFileName(file)} [{start}, {end}) in {zone.Id}: bounds {first}..{last}");
                    }
                }
            }
        }
        Assert.Empty(failures);
        // The property must have been exercised, not passed vacuously.
        Assert.True(matched > 500, $"only {matched} matching probes");
    }

    [Fact]
    public void Every_corpus_file_is_a_valid_caldav_object_resource()
    {
        foreach (var file in OccurrenceCorpus.Files)
        {
            var result = CalDavObjectValidator.Validate(CalendarParser.ParseSingle(File.ReadAllBytes(file)));
            Assert.True(result.IsValid, $"{Path.GetFileName(file)}: {result.Message}");
            Assert.NotNull(result.Uid);
        }
    }
}
