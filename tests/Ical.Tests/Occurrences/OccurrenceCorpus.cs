using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>The .ics files of TestData/occurrences and our expansion of each in its X-AURORA-WINDOW.</summary>
internal static class OccurrenceCorpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "occurrences");

    public static IReadOnlyList<string> Files =>
        Directory.GetFiles(Folder, "*.ics").OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>"start/end" per instance, sorted, floating and DATE values read in UTC.</summary>
    public static OracleAnswer Expand(string file)
    {
        try
        {
            var calendar = CalendarParser.ParseSingle(File.ReadAllBytes(file));
            var window = calendar.GetProperty("X-AURORA-WINDOW")!.RawValue.Split('/');
            var start = ParseUtc(window[0]);
            var end = ParseUtc(window[1]);
            var zones = TimeZoneResolver.Default.WithCalendar(calendar);
            var spans = calendar.Components.Where(c => c.Name == "VEVENT")
                .GroupBy(c => c.GetProperty("UID")?.RawValue ?? string.Empty)
                .SelectMany(group => OccurrenceExpander.Expand(group.ToList(), zones, DateTimeZone.Utc, start, end, RecurrenceLimits.Default))
                .Select(o => $"{Format(o.Start)}/{Format(o.End)}")
                .Order(StringComparer.Ordinal)
                .ToList();
            return new OracleAnswer(spans, null);
        }
        catch (IcalFormatException error)
        {
            return new OracleAnswer(null, error.Message);
        }
    }

    private static Instant ParseUtc(string text) =>
        InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'").Parse(text).Value;

    private static string Format(Instant instant) => InstantPattern.General.Format(instant);
}
