using System.Text.Json;
using AuroraTime.Ical.Tests.Oracles;

namespace AuroraTime.Ical.Tests.TimeZones;

/// <summary>
/// Runs one of the independent implementations in tests/Oracles (python3-icalendar via
/// /usr/bin/python3, ical.js via node) with a JSON request on stdin and reads its JSON answer.
/// </summary>
internal static class OracleProcess
{
    /// <summary>Only against a hang: generous, as a loaded CI machine (2 cores, load 40) gives a process a twentieth of a core.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static T Run<T>(string fileName, string[] arguments, object request)
    {
        // A TimeoutException fails the test with its message.
        var run = OracleTool.Run(fileName, arguments, Timeout, JsonSerializer.Serialize(request));
        Assert.True(run.ExitCode == 0, $"{fileName} failed: {run.Error}");
        return JsonSerializer.Deserialize<T>(run.Output)!;
    }
}
