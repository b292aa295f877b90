using System.Globalization;
using AuroraTime.Ical.Recurrence;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>Runs a corpus case through our engine, producing the oracles' output format.</summary>
internal static class EngineCaseRunner
{
    private static readonly LocalDateTimePattern Format =
        LocalDateTimePattern.CreateWithInvariantCulture("yyyyMMdd'T'HHmmss");

    private static readonly LocalDatePattern DateFormat = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");

    public static CaseOutcome Run(RecurrenceCase testCase)
    {
        if (!RecurrenceRule.TryParse(testCase.Rule, out var rule, out var error))
        {
            return CaseOutcome.Rejected(error!);
        }
        var dtStart = testCase.DtStart.Length == 8
            ? DateFormat.Parse(testCase.DtStart).GetValueOrThrow().AtMidnight()
            : Format.Parse(testCase.DtStart).GetValueOrThrow();
        DateTimeZone? zone = testCase.TzId is null
            ? null
            : DateTimeZoneProviders.Tzdb.GetZoneOrNull(testCase.TzId)
                ?? throw new InvalidDataException($"{testCase.Source}: unknown zone {testCase.TzId}");
        var windowEnd = Format.Parse(RecurrenceCase.WindowEnd).GetValueOrThrow();

        var instances = new List<string>();
        foreach (var instance in RuleExpander.Expand(rule!, dtStart, zone, RecurrenceLimits.Default))
        {
            if (instance >= windowEnd || instances.Count >= testCase.Limit)
            {
                break;
            }
            instances.Add(Format.Format(instance));
        }
        return CaseOutcome.Of(instances);
    }

    public static string FormatInstance(LocalDateTime value) => Format.Format(value);

    public static LocalDateTime ParseInstance(string text) =>
        text.Length == 8
            ? DateFormat.Parse(text).GetValueOrThrow().AtMidnight()
            : Format.Parse(text).GetValueOrThrow();

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
