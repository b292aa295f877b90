using System.Diagnostics;
using System.Text.Json;

namespace AuroraTime.Reminders.Tests.Email;

/// <summary>
/// Runs /usr/bin/python3 helpers (aiosmtpd, the email package). Missing modules skip the test outside
/// CI (xunit v2 has no runtime skip: the test returns after reporting) and fail it under CI=true.
/// </summary>
internal static class PythonOracle
{
    public const string Python = "/usr/bin/python3";

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Email", name);

    /// <summary>True when <paramref name="module"/> imports; otherwise fails under CI or reports the skip.</summary>
    public static bool Has(string module)
    {
        var ok = File.Exists(Python) && Run("-c", $"import {module}").ExitCode == 0;
        if (!ok)
        {
            var message = $"Python module {module} is missing for {Python} (Debian: apt-get install python3-{module}); test skipped.";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", message);
            Console.WriteLine(message);
        }
        return ok;
    }

    public static JsonElement ParseMime(string emlPath)
    {
        var result = Run(Script("parse_mime.py"), emlPath);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(true);
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
