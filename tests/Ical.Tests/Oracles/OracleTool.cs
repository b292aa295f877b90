using System.Collections.Concurrent;
using System.Diagnostics;

namespace AuroraTime.Ical.Tests.Oracles;

/// <summary>
/// Finds and runs the oracle scripts of tests/Oracles. A missing oracle skips its tests with the
/// reason (<see cref="OracleFactAttribute"/>), except under CI=true, where it is a failure.
/// </summary>
internal static class OracleTool
{
    private const string Python = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<Oracle, string?> MissingReasons = new();

    /// <summary>Under CI=true every oracle must be installed, so a missing one fails instead of skipping.</summary>
    public static bool IsRequired =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repository's tests/Oracles folder, found upwards from the test binaries.</summary>
    /// <exception cref="DirectoryNotFoundException">No tests/Oracles above the test output folder.</exception>
    public static string Folder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "Oracles");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new DirectoryNotFoundException("tests/Oracles is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Why the oracle cannot run here, or null when it can; probed once per test run.</summary>
    public static string? MissingReason(Oracle oracle) => MissingReasons.GetOrAdd(oracle, Probe);

    /// <summary>Fails the test when the oracle is missing (reached only under CI=true, or if it vanished).</summary>
    public static void Require(Oracle oracle)
    {
        var missing = MissingReason(oracle);
        Assert.True(missing is null, $"{oracle} is missing ({missing}); CI=true requires it (see tests/run-all.sh)");
    }

    /// <summary>Runs a program in tests/Oracles, optionally feeding <paramref name="standardInput"/>.</summary>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/> (it is killed).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public static OracleRun Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = standardInput is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        // Both pipes are drained concurrently so a chatty stderr cannot block the process.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s");
        }
        return new OracleRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string? Probe(Oracle oracle)
    {
        try
        {
            return oracle switch
            {
                Oracle.PythonIcalendar => PythonModuleMissing("icalendar", "python3-icalendar"),
                Oracle.PythonDateutil => PythonModuleMissing("dateutil.rrule", "python3-dateutil"),
                Oracle.PythonRecurringIcalEvents => PythonModuleMissing("recurring_ical_events", "python3-recurring-ical-events"),
                Oracle.IcalJs => IcalJsMissing(),
                _ => $"unknown oracle {oracle}",
            };
        }
        catch (DirectoryNotFoundException error)
        {
            return error.Message;
        }
    }

    /// <summary>
    /// Only against a hang: on a loaded CI machine (2 cores, load 40) a process gets a twentieth of a
    /// core, and a probe that timed out would wrongly report the oracle missing.
    /// </summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(2);

    private static string? PythonModuleMissing(string module, string package)
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is not installed";
        }
        var probe = Run(Python, ["-c", "import " + module], ProbeTimeout);
        return probe.ExitCode == 0 ? null : $"{package} is not installed for {Python} (apt-get install {package})";
    }

    private static string? IcalJsMissing()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "ical.js")))
        {
            return "ical.js is missing: run `npm ci` in tests/Oracles";
        }
        try
        {
            return Run("node", ["--version"], ProbeTimeout).ExitCode == 0 ? null : "node does not run";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not installed";
        }
    }
}

/// <summary>What an oracle process printed and how it ended.</summary>
internal readonly record struct OracleRun(int ExitCode, string Output, string Error);
