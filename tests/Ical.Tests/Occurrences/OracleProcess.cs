using System.Text.Json;
using AuroraTime.Ical.Tests.Oracles;

namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>
/// Runs one oracle script once over the whole corpus and parses its JSON:
/// file name -> sorted [start, end] pairs (UTC, ISO 8601), or an error text.
/// </summary>
internal sealed class OracleProcess
{
    /// <summary>Only against a hang: generous, as a loaded CI machine (2 cores, load 40) gives a process a twentieth of a core.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private OracleProcess(string name, Oracle kind, string? failure, IReadOnlyDictionary<string, OracleAnswer> answers)
    {
        Name = name;
        Kind = kind;
        Failure = failure;
        Answers = answers;
    }

    public string Name { get; }

    public Oracle Kind { get; }

    /// <summary>Why the oracle run gave no answers, null when it ran.</summary>
    public string? Failure { get; }

    public IReadOnlyDictionary<string, OracleAnswer> Answers { get; }

    /// <summary>Runs <paramref name="script"/> (in tests/Oracles) over <paramref name="files"/>; a failed run is recorded, not thrown.</summary>
    public static OracleProcess Run(string name, Oracle kind, string program, string script, IEnumerable<string> files)
    {
        if (OracleTool.MissingReason(kind) is { } missing)
        {
            return Failed(name, kind, missing);
        }
        try
        {
            var run = OracleTool.Run(program, [Path.Combine(OracleTool.Folder, script), .. files], Timeout);
            return run.ExitCode == 0
                ? new OracleProcess(name, kind, null, Parse(run.Output))
                : Failed(name, kind, $"exit code {run.ExitCode}: {run.Error}");
        }
        catch (Exception error) when (error is TimeoutException or System.ComponentModel.Win32Exception or DirectoryNotFoundException)
        {
            return Failed(name, kind, error.Message);
        }
    }

    private static OracleProcess Failed(string name, Oracle kind, string why) =>
        new(name, kind, why, new Dictionary<string, OracleAnswer>());

    private static Dictionary<string, OracleAnswer> Parse(string json)
    {
        var result = new Dictionary<string, OracleAnswer>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var file in document.RootElement.EnumerateObject())
        {
            if (file.Value.ValueKind == JsonValueKind.Object)
            {
                result[file.Name] = new OracleAnswer(null, file.Value.GetProperty("error").GetString());
                continue;
            }
            var spans = file.Value.EnumerateArray().Select(pair => $"{pair[0].GetString()}/{pair[1].GetString()}").ToList();
            result[file.Name] = new OracleAnswer(spans, null);
        }
        return result;
    }
}

/// <summary>An oracle's instances for one file as "start/end" strings, or the error it raised.</summary>
internal sealed record OracleAnswer(IReadOnlyList<string>? Spans, string? Error)
{
    public override string ToString() => Error is not null ? $"error: {Error}" : string.Join(" ", Spans!);
}
