using System.Diagnostics;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>
/// Independent parsers a feed must satisfy: Mozilla's ical.js (tests/Oracles/node_modules) and
/// python3-icalendar (Debian's, for /usr/bin/python3 only). Each prints "VEVENT-count SUMMARY..." per feed.
/// </summary>
internal static class FeedOracles
{
    public static string? IcalJsPath { get; } = FindIcalJs();

    public static bool IcalJsAvailable => IcalJsPath is not null && Runs("node", "--version");

    public static bool PythonIcalendarAvailable => File.Exists("/usr/bin/python3") && Runs("/usr/bin/python3", "-c", "import icalendar");

    /// <summary>ical.js's count of VEVENTs and VTIMEZONEs, as "events zones".</summary>
    public static string IcalJsCounts(string feedPath) => Run("node", "--input-type=module", "-e", """
        import { readFileSync } from 'node:fs';
        import { pathToFileURL } from 'node:url';
        const ICAL = (await import(pathToFileURL(process.argv[1]).href)).default;
        const text = readFileSync(process.argv[2], 'utf8');
        const root = new ICAL.Component(ICAL.parse(text));
        for (const e of root.getAllSubcomponents('vevent')) { new ICAL.Event(e).startDate.toJSDate(); }
        console.log(root.getAllSubcomponents('vevent').length + ' ' + root.getAllSubcomponents('vtimezone').length);
        """, IcalJsPath!, feedPath);

    /// <summary>python3-icalendar's count of VEVENTs and VTIMEZONEs, as "events zones".</summary>
    public static string PythonCounts(string feedPath) => Run("/usr/bin/python3", "-c", """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        events = cal.walk('VEVENT'); zones = cal.walk('VTIMEZONE')
        for e in events: e.decoded('DTSTART')
        print(len(events), len(zones))
        """, feedPath);

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} rejected the feed: {errors.Result}");
        return output.Trim();
    }

    private static bool Runs(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string? FindIcalJs()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Oracles", "node_modules", "ical.js", "dist", "ical.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs both oracles: skipped with a reason when one is missing, failed when CI=true.</summary>
internal sealed class FeedOracleFactAttribute : FactAttribute
{
    public FeedOracleFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && !(FeedOracles.IcalJsAvailable && FeedOracles.PythonIcalendarAvailable))
        {
            Skip = "feed oracles missing: need node with tests/Oracles/node_modules/ical.js (npm ci) and /usr/bin/python3 with python3-icalendar";
        }
    }
}
