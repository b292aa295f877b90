using System.Text.RegularExpressions;

namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>
/// The table rows of tests/TestData/recurrence/KNOWN-DIFFERENCES.md: "| oracle | case id | category |".
/// Each category is explained in that file with the RFC 5545 text that decides who is right.
/// </summary>
internal static partial class KnownDifferences
{
    public static IReadOnlyDictionary<string, string> For(string oracle)
    {
        string path = Path.Combine(RecurrenceCorpusReader.Folder, "KNOWN-DIFFERENCES.md");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            var match = Row().Match(line);
            if (match.Success && match.Groups["oracle"].Value == oracle)
            {
                rows.Add(match.Groups["case"].Value, match.Groups["category"].Value);
            }
        }
        return rows;
    }

    [GeneratedRegex(@"^\|\s*(?<oracle>dateutil|icaljs)\s*\|\s*(?<case>[A-Za-z0-9-]+)\s*\|\s*(?<category>[A-Za-z0-9-]+)\s*\|")]
    private static partial Regex Row();
}
