using System.Diagnostics;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// Runs node scripts in this source folder (tests/Reminders.Tests/Aws), where `npm ci` installs the
/// pinned packages. Missing node or packages skip the test outside CI (xunit v2 has no runtime skip:
/// the test returns after reporting) and fail it under CI=true.
/// </summary>
internal static class NodeTools
{
    public static string Folder { get; } = FindFolder();

    /// <summary>True when node runs and <paramref name="package"/> is installed here.</summary>
    public static bool Has(string package)
    {
        var ok = Folder.Length > 0 && Directory.Exists(Path.Combine(Folder, "node_modules", package)) && Which("node") is not null;
        if (!ok)
        {
            var message = $"node or the npm package {package} is missing (run `npm ci` in tests/Reminders.Tests/Aws); test skipped.";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", message);
            Console.WriteLine(message);
        }
        return ok;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string standardInput, params string[] arguments)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder };
        info.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        // Only against a hang: node loading the AWS SDK on a loaded CI machine (2 cores, load 40) is slow.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            throw new TimeoutException($"node {script} did not finish within 3 minutes");
        }
        return (process.ExitCode, await output, await error);
    }

    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Aws");
            if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(candidate, "request-oracle.mjs")))
            {
                return candidate;
            }
        }
        return "";
    }
}
