using System.Diagnostics;
using System.Text.Json;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>
/// Runs one of the independent implementations in tests/Oracles (python3-icalendar via
/// /usr/bin/python3, ical.js via node) with a JSON request on stdin and reads its JSON answer.
/// When the oracle is missing the test is skipped with a message, except under CI=true, where a
/// missing oracle is a failure.
/// </summary>
internal static class OracleProcess
{
    // xunit 2.x reports a test that throws with this message prefix as skipped.
    private const string DynamicSkipToken = "$XunitDynamicSkip$";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

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

    /// <summary>Skips (or fails under CI) unless <paramref name="available"/>.</summary>
    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{what} is required under CI=true");
        }
        throw new InvalidOperationException($"{DynamicSkipToken}{what} is not installed; skipping this oracle comparison");
    }

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
