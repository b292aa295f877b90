namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>
/// Reads the table rows of TestData/occurrences/KNOWN-DIFFERENCES.md:
/// <c>| file.ics | oracle | reason |</c>.
/// </summary>
internal sealed record KnownDifferences(string File, string Oracle, string Reason)
{
    public static IReadOnlyList<KnownDifferences> Load()
    {
        var path = Path.Combine(OccurrenceCorpus.Folder, "KNOWN-DIFFERENCES.md");
        if (!System.IO.File.Exists(path))
        {
            return [];
        }
        return System.IO.File.ReadAllLines(path)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 5 && cells[1].EndsWith(".ics", StringComparison.Ordinal))
            .Select(cells => new KnownDifferences(cells[1], cells[2], cells[3]))
            .ToList();
    }
}
