using System.Text.Json;
using AuroraTime.Ical.Tests.Oracles;

namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>
/// An independent RRULE implementation run once over the whole corpus (one process, not one per
/// case): python3-dateutil through tests/Oracles/rrule_dateutil.py, ical.js through rrule_icaljs.mjs.
/// </summary>
internal sealed class RecurrenceOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(400);

    public static RecurrenceOracle Dateutil { get; } = new("dateutil", Oracle.PythonDateutil, "/usr/bin/python3", "rrule_dateutil.py");

    public static RecurrenceOracle IcalJs { get; } = new("icaljs", Oracle.IcalJs, "node", "rrule_icaljs.mjs");

    private RecurrenceOracle(string name, Oracle kind, string program, string script)
    {
        Name = name;
        Kind = kind;
        Program = program;
        Script = script;
    }

    /// <summary>The name used in SKIP lines and in KNOWN-DIFFERENCES.md.</summary>
    public string Name { get; }

    public Oracle Kind { get; }

    public string Program { get; }

    public string Script { get; }

    /// <summary>Expands every case of the given corpus files; keys are case ids.</summary>
    public IReadOnlyDictionary<string, CaseOutcome> ExpandAll(IReadOnlyList<string> corpusFiles)
    {
        var arguments = new List<string> { Path.Combine(OracleTool.Folder, Script) };
        arguments.AddRange(corpusFiles);
        var result = OracleTool.Run(Program, arguments, Timeout);
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
}
