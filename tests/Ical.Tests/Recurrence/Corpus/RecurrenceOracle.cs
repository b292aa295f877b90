using System.Diagnostics;
using System.Text.Json;

namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>
/// An independent RRULE implementation run once over the whole corpus (one process, not one per
/// case): python3-dateutil through tests/Oracles/rrule_dateutil.py, ical.js through rrule_icaljs.mjs.
/// </summary>
internal sealed class RecurrenceOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(400);

    public static RecurrenceOracle Dateutil { get; } = new("dateutil", "/usr/bin/python3", "rrule_dateutil.py");

    public static RecurrenceOracle IcalJs { get; } = new("icaljs", "node", "rrule_icaljs.mjs");

    private RecurrenceOracle(string name, string program, string script)
    {
        Name = name;
        Program = program;
        Script = script;
    }

    /// <summary>The name used in SKIP lines and in KNOWN-DIFFERENCES.md.</summary>
    public string Name { get; }

    public string Program { get; }

    public string Script { get; }

    public static string OraclesFolder
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "AuroraTime.sln")))
                {
                    return Path.Combine(folder.FullName, "tests", "Oracles");
                }
            }
            throw new DirectoryNotFoundException("The repository root (AuroraTime.sln) is not above the test output folder.");
        }
    }

    /// <summary>Why the oracle cannot run here, or null when it can.</summary>
    public string? MissingReason()
    {
        if (Name == "dateutil")
        {
            if (!File.Exists(Program))
            {
                return "/usr/bin/python3 is not installed";
            }
            var probe = RunProcess(Program, ["-c", "import dateutil.rrule"], TimeSpan.FromSeconds(30));
            return probe.ExitCode == 0 ? null : "python3-dateutil is not installed for /usr/bin/python3 (apt-get install python3-dateutil)";
        }
        if (!Directory.Exists(Path.Combine(OraclesFolder, "node_modules", "ical.js")))
        {
            return "ical.js is missing: run `npm ci` in tests/Oracles";
        }
        try
        {
            return RunProcess(Program, ["--version"], TimeSpan.FromSeconds(30)).ExitCode == 0 ? null : "node does not run";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not installed";
        }
    }

    /// <summary>Expands every case of the given corpus files; keys are case ids.</summary>
    public IReadOnlyDictionary<string, CaseOutcome> ExpandAll(IReadOnlyList<string> corpusFiles)
    {
        var arguments = new List<string> { Path.Combine(OraclesFolder, Script) };
        arguments.AddRange(corpusFiles);
        var result = RunProcess(Program, arguments, Timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} oracle failed ({result.ExitCode}): {result.Error}");
        }
        using var document = JsonDocument.Parse(result.Output);
        var outcomes = new Dictionary<string, CaseOutcome>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("cases").EnumerateObject())
        {
            if (entry.Value.TryGetProperty("error", out var error))
            {
                outcomes[entry.Name] = CaseOutcome.Rejected(error.GetString() ?? "");
            }
            else
            {
                outcomes[entry.Name] = CaseOutcome.Of(
                    entry.Value.GetProperty("instances").EnumerateArray().Select(item => item.GetString()!).ToArray());
            }
        }
        return outcomes;
    }

    private static (int ExitCode, string Output, string Error) RunProcess(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = OraclesFolder,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
