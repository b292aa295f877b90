using AuroraTime.Ical.TimeZones;
using NodaTime;

namespace AuroraTime.Ical.Tests.TimeZones;

public partial class TimeZoneResolverTests
{
    public static TheoryData<string, string> LenientSpellings => new()
    {
        // as written in the TZID parameter -> the IANA zone it means
        { "Europe/Berlin", "Europe/Berlin" },
        { "europe/berlin", "Europe/Berlin" },
        { "AMERICA/NEW_YORK", "America/New_York" },
        { "\"Europe/Berlin\"", "Europe/Berlin" },
        { "  Europe/Berlin  ", "Europe/Berlin" },
        { "Europe/Berlin ", "Europe/Berlin" },
        { "/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin" },
        { "/mozilla.org/20070129_1/America/New_York", "America/New_York" },
        { "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin", "Europe/Berlin" },
        { "/freeassociation.sourceforge.net/Europe/Berlin", "Europe/Berlin" },
        { "/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires" },
        { "/citadel.org/20190914_1/Asia/Tokyo", "Asia/Tokyo" },
        { "/Europe/Berlin", "Europe/Berlin" },
        { "W. Europe Standard Time", "Europe/Berlin" },
        { "w. europe standard time", "Europe/Berlin" },
        { "Eastern Standard Time", "America/New_York" },
        { "Pacific Standard Time", "America/Los_Angeles" },
        { "AUS Eastern Standard Time", "Australia/Sydney" },
        { "Tokyo Standard Time", "Asia/Tokyo" },
        { "India Standard Time", "Asia/Calcutta" },
        { "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin" },
        { "(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin" },
        { "(UTC-05:00) Eastern Time (US & Canada)", "America/New_York" },
        { "(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London" },
        { "(UTC+00:00) Coordinated Universal Time", "UTC" },
        { "(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/London" },
        // Not in the table: the first place that is the city of one IANA zone with that standard offset.
        { "(UTC+01:00) Oslo, Copenhagen", "Europe/Oslo" },
    };

    [Theory]
    [MemberData(nameof(LenientSpellings))]
    public void Finds_the_zone_for_lenient_spellings(string tzid, string expectedId)
    {
        var zone = TimeZoneResolver.Default.Find(tzid);

        Assert.NotNull(zone);
        Assert.Equal(DateTimeZoneProviders.Tzdb[expectedId].Id, zone.Id);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("utc")]
    [InlineData("GMT")]
    [InlineData("Z")]
    [InlineData("Etc/UTC")]
    [InlineData("\"UTC\"")]
    public void UTC_and_its_aliases_have_offset_zero_all_year(string tzid)
    {
        var zone = TimeZoneResolver.Default.Find(tzid);

        Assert.NotNull(zone);
        Assert.Equal(Offset.Zero, zone.GetUtcOffset(Instant.FromUtc(2024, 1, 1, 0, 0)));
        Assert.Equal(Offset.Zero, zone.GetUtcOffset(Instant.FromUtc(2024, 7, 1, 0, 0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Custom/UTC")]            // no unique-id prefix: an unknown name is not guessed at
    [InlineData("Berlin")]
    [InlineData("(UTC+05:00) Berlin")]    // a place whose zone has another offset
    [InlineData("(UTC+01:00)")]
    [InlineData("/mozilla.org/20050126_1/Nowhere/Special")]
    public void Unknown_names_give_null(string tzid)
    {
        Assert.Null(TimeZoneResolver.Default.Find(tzid));
    }

    [Fact]
    public void Every_Outlook_display_name_in_the_table_maps_to_a_zone_with_that_standard_offset()
    {
        foreach (var (displayName, windowsId) in OutlookDisplayNamesTable())
        {
            var byDisplayName = TimeZoneResolver.Default.Find(displayName);
            var byWindowsId = TimeZoneResolver.Default.Find(windowsId);

            Assert.True(byDisplayName is not null, displayName);
            Assert.True(byWindowsId is not null, windowsId);
            Assert.Equal(byWindowsId.Id, byDisplayName.Id);
            var split = OutlookDisplayNamesSplit(displayName);
            var reference = Instant.FromUtc(2025, 1, 15, 0, 0);
            Assert.True(
                byDisplayName.GetZoneInterval(reference).StandardOffset.Seconds == split
                || byDisplayName.GetZoneInterval(reference + Duration.FromDays(181)).StandardOffset.Seconds == split,
                $"{displayName} -> {byDisplayName.Id}");
        }
    }

    [Fact]
    public void Every_Windows_id_of_the_CLDR_mapping_resolves_to_its_primary_zone()
    {
        var mapping = NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping;
        var ianaIds = DateTimeZoneProviders.Tzdb.Ids.ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(mapping.Count > 100);
        foreach (var (windowsId, ianaId) in mapping)
        {
            // "UTC" is both a Windows id and an IANA id; the IANA reading wins and means the same.
            var expected = ianaIds.Contains(windowsId) ? DateTimeZoneProviders.Tzdb[windowsId].Id : ianaId;
            Assert.Equal(expected, TimeZoneResolver.Default.Find(windowsId)?.Id);
        }
    }

    [Fact]
    public void Concurrent_lookups_agree_and_return_the_same_zone_instance()
    {
        string[] names = ["Europe/Berlin", "europe/berlin", "/mozilla.org/20050126_1/Europe/Berlin", "W. Europe Standard Time", "Nowhere"];
        var results = new System.Collections.Concurrent.ConcurrentBag<(string, DateTimeZone?)>();

        Parallel.For(0, 2_000, i => results.Add((names[i % names.Length], TimeZoneResolver.Default.Find(names[i % names.Length]))));

        foreach (var group in results.GroupBy(r => r.Item1))
        {
            Assert.Single(group.Select(r => r.Item2).Distinct());
        }
        Assert.Same(TimeZoneResolver.Default.Find("Europe/Berlin"), TimeZoneResolver.Default.Find("europe/berlin"));
    }

    private static IEnumerable<(string DisplayName, string WindowsId)> OutlookDisplayNamesTable() =>
        (IEnumerable<(string, string)>)typeof(OutlookDisplayNames)
            .GetField("Table", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetValue(null)!;

    private static int OutlookDisplayNamesSplit(string displayName) => OutlookDisplayNames.Split(displayName)!.Value.OffsetSeconds;
}
