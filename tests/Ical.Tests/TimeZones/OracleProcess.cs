using System.Diagnostics;
using System.Text.Json;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>
/// Runs one of the independent implementations in tests/Oracles (python3-icalendar via
/// /usr/bin/python3, ical.js via node) with a JSON request on stdin and reads its JSON answer.
/// When the oracle is missing the test is skipped with a message (<see cref="OracleFactAttribute"/>),
/// except under CI=true, where a missing oracle is a failure.
/// </summary>
internal static class OracleProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool IsRequired => Environment.GetEnvironmentVariable("CI") == "true";

    public static string OraclesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Oracles");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("tests/Oracles not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Whether the named oracle is installed; checked once per test run.</summary>
    public static bool IsAvailable(Oracle oracle) => oracle switch
    {
        Oracle.PythonIcalendar => PythonIcalendarAvailable.Value,
        Oracle.IcalJs => IcalJsAvailable.Value,
        _ => false,
    };

    /// <summary>Fails the test (under CI=true the oracle must be there) when it is missing.</summary>
    public static void Require(Oracle oracle)
    {
        Assert.True(IsAvailable(oracle), $"{oracle} is missing; CI=true requires it (see tests/run-all.sh)");
    }

    private static readonly Lazy<bool> PythonIcalendarAvailable = new(() =>
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return false;
        }
        using var check = Process.Start(new ProcessStartInfo("/usr/bin/python3", "-c \"import icalendar\"")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        check.WaitForExit(30_000);
        return check.HasExited && check.ExitCode == 0;
    });

    private static readonly Lazy<bool> IcalJsAvailable = new(() =>
    {
        try
        {
            return Directory.Exists(Path.Combine(OraclesDirectory(), "node_modules", "ical.js"));
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    public static T Run<T>(string fileName, string[] arguments, object request)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = OraclesDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(request));
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        Assert.True(process.ExitCode == 0, $"{fileName} failed: {error.Result}");
        return JsonSerializer.Deserialize<T>(output.Result)!;
    }
}

internal enum Oracle
{
    PythonIcalendar,
    IcalJs,
}

/// <summary>
/// A fact that needs an oracle: skipped with a clear message when it is not installed, unless
/// CI=true, where it runs and fails on the missing oracle.
/// </summary>
internal sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute(Oracle oracle)
    {
        if (!OracleProcess.IsRequired && !OracleProcess.IsAvailable(oracle))
        {
            Skip = oracle == Oracle.PythonIcalendar
                ? "python3-icalendar for /usr/bin/python3 is not installed (apt-get install python3-icalendar)"
                : "ical.js is not installed (npm ci in tests/Oracles)";
        }
    }
}
