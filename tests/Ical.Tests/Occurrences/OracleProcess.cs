using System.Diagnostics;
using System.Text.Json;

namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>
/// Runs one oracle script once over the whole corpus and parses its JSON:
/// file name -> sorted [start, end] pairs (UTC, ISO 8601), or an error text.
/// </summary>
internal sealed class OracleProcess
{
    private OracleProcess(string name, string? unavailable, IReadOnlyDictionary<string, OracleAnswer> answers)
    {
        Name = name;
        Unavailable = unavailable;
        Answers = answers;
    }

    public string Name { get; }

    /// <summary>Why the oracle could not run, null when it ran.</summary>
    public string? Unavailable { get; }

    public IReadOnlyDictionary<string, OracleAnswer> Answers { get; }

    public static OracleProcess Run(string name, string executable, string script, IEnumerable<string> files)
    {
        if (!File.Exists(script))
        {
            return Missing(name, $"script {script} not found");
        }
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                return Missing(name, "timed out after 60 s");
            }
            if (process.ExitCode != 0)
            {
                return Missing(name, $"exit code {process.ExitCode}: {stderr.Result}");
            }
            return new OracleProcess(name, null, Parse(stdout));
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return Missing(name, $"{executable} cannot be started: {error.Message}");
        }
    }

    private static OracleProcess Missing(string name, string why) =>
        new(name, why, new Dictionary<string, OracleAnswer>());

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
