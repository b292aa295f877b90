namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>Reads the RRULE corpus files copied to the test output folder.</summary>
internal static class RecurrenceCorpusReader
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "recurrence");

    public static IReadOnlyList<string> Files() =>
        Directory.GetFiles(Folder, "*.rrules").OrderBy(path => path, StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<RecurrenceCase> ReadAll() => Files().SelectMany(Read).ToArray();

    public static IEnumerable<RecurrenceCase> Read(string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var skips = new List<string>();
        string name = Path.GetFileName(path);
        int startLine = 0;
        int number = 0;
        foreach (string raw in File.ReadLines(path).Append(string.Empty))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                continue;
            }
            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0)
                {
                    yield return Build(fields, skips, $"{name}:{startLine}");
                    fields.Clear();
                    skips.Clear();
                }
                continue;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new InvalidDataException($"{name}:{number}: expected KEY: value");
            }
            string key = line[..colon].Trim().ToUpperInvariant();
            string value = line[(colon + 1)..].Trim();
            if (fields.Count == 0)
            {
                startLine = number;
            }
            if (key == "SKIP")
            {
                skips.Add(value.Split(':')[0].Trim());
            }
            else
            {
                fields[key] = value;
            }
        }
    }

    private static RecurrenceCase Build(Dictionary<string, string> fields, List<string> skips, string source)
    {
        string Required(string key) => fields.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{source}: {key} is missing");

        IReadOnlyList<string>? expected = fields.TryGetValue("EXPECT", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
        return new RecurrenceCase(
            Required("CASE"),
            Required("DTSTART"),
            fields.GetValueOrDefault("TZID"),
            Required("RRULE"),
            fields.TryGetValue("LIMIT", out var limit) ? int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) : RecurrenceCase.DefaultLimit,
            expected,
            skips.ToArray(),
            source);
    }
}
