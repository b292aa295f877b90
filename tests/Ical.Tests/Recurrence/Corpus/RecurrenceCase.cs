namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>One block of a tests/TestData/recurrence/*.rrules file (format: README.md there).</summary>
internal sealed record RecurrenceCase(
    string Id,
    string DtStart,
    string? TzId,
    string Rule,
    int Limit,
    IReadOnlyList<string>? Expected,
    IReadOnlyList<string> SkippedOracles,
    string Source)
{
    public const int DefaultLimit = 50;

    /// <summary>Instances at or after this wall-clock time are not compared.</summary>
    public const string WindowEnd = "22000101T000000";

    public override string ToString() => $"{Id} (DTSTART {DtStart}{(TzId is null ? "" : " " + TzId)}, RRULE {Rule})";
}
