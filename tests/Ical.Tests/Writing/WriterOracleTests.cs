using System.Diagnostics;
using System.Text.Json;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Tests.Reading;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.Writing;

/// <summary>
/// What the serializer writes must read back the same in an independent implementation: Mozilla's
/// ical.js (tests/Oracles). Checks folding, escaping and RFC 6868 parameter encoding end to end.
/// </summary>
public class WriterOracleTests
{
    [IcalJsFact]
    public void Icaljs_reads_our_output_of_every_client_fixture_as_the_same_tree()
    {
        var folder = Directory.CreateTempSubdirectory("auroratime-icaljs-");
        try
        {
            var names = Directory.GetFiles(ClientFixtureTests.FixtureFolder, "*.ics").Order().ToList();
            var models = new List<CalendarComponent>();
            var written = new List<string>();
            foreach (var fixture in names)
            {
                var model = CalendarParser.ParseSingle(File.ReadAllBytes(fixture), IcalReaderOptions.Lenient);
                var path = Path.Combine(folder.FullName, Path.GetFileName(fixture));
                File.WriteAllBytes(path, CalendarSerializer.Serialize(model));
                models.Add(model);
                written.Add(path);
            }
            using var trees = JsonDocument.Parse(IcalJs.Run(written));
            var roots = trees.RootElement.EnumerateArray().ToList();
            Assert.Equal(models.Count, roots.Count);
            var textsCompared = 0;
            for (var i = 0; i < models.Count; i++)
            {
                textsCompared += AssertSameTree(models[i], roots[i], Path.GetFileName(names[i]));
            }
            Assert.True(textsCompared >= 30, $"only {textsCompared} TEXT values compared");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <returns>How many TEXT values were compared.</returns>
    private static int AssertSameTree(CalendarComponent ours, JsonElement theirs, string where)
    {
        var texts = 0;
        where = $"{where}/{ours.Name}";
        Assert.Equal(ours.Name, theirs.GetProperty("name").GetString());
        var properties = theirs.GetProperty("properties").EnumerateArray().ToList();
        Assert.True(ours.Properties.Length == properties.Count, $"{where}: {ours.Properties.Length} properties, ical.js {properties.Count}");
        for (var i = 0; i < properties.Count; i++)
        {
            var property = ours.Properties[i];
            var other = properties[i];
            Assert.Equal(property.Name, other.GetProperty("name").GetString());
            foreach (var parameter in property.Parameters)
            {
                if (parameter.Name == "VALUE")
                {
                    Assert.Equal(parameter.Value, other.GetProperty("type").GetString());
                    continue;
                }
                Assert.True(other.GetProperty("parameters").TryGetProperty(parameter.Name, out var value), $"{where} {property.Name}: ical.js lost {parameter.Name}");
                Assert.Equal(string.Join(",", parameter.Values), value.GetString());
            }
            if (other.GetProperty("text").ValueKind == JsonValueKind.String)
            {
                Assert.Equal(TextValue.Unescape(property.RawValue), other.GetProperty("text").GetString());
                texts++;
            }
        }
        var components = theirs.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(ours.Components.Length, components.Count);
        for (var i = 0; i < components.Count; i++)
        {
            texts += AssertSameTree(ours.Components[i], components[i], where);
        }
        return texts;
    }
}

/// <summary>Runs the ical.js oracle (node + tests/Oracles/node_modules/ical.js).</summary>
internal static class IcalJs
{
    public static string? RepositoryRoot { get; } = FindRoot();

    public static string? LibraryPath => RepositoryRoot is null ? null
        : Path.Combine(RepositoryRoot, "tests", "Oracles", "node_modules", "ical.js", "dist", "ical.js");

    public static bool IsAvailable => LibraryPath is not null && File.Exists(LibraryPath) && NodeRuns();

    public static string Run(IEnumerable<string> files)
    {
        var script = Path.Combine(RepositoryRoot!, "tests", "Ical.Tests", "Writing", "icaljs-dump.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(LibraryPath!);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ical.js failed: {errors.Result}");
        return output;
    }

    private static bool NodeRuns()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string? FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuroraTime.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs ical.js: skipped with a reason when it is missing, except on CI (CI=true), where it then fails.</summary>
internal sealed class IcalJsFactAttribute : FactAttribute
{
    public IcalJsFactAttribute()
    {
        if (!IcalJs.IsAvailable && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "ical.js oracle missing: install node and run `npm ci` in tests/Oracles";
        }
    }
}
