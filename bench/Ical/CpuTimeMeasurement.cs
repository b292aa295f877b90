using System.Diagnostics;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Bench.Ical;

/// <summary>
/// A second opinion next to BenchmarkDotNet for shared, overloaded machines: the process CPU
/// time (all threads, so GC work counts) per operation, which waiting for a core does not
/// inflate the way it inflates wall-clock time. Prints one line per operation: name, median
/// wall ms, median CPU ms, MB/s by CPU time.
/// </summary>
internal static class CpuTimeMeasurement
{
    public static void Run(string path, int runs)
    {
        var bytes = File.ReadAllBytes(path);
        var calendar = CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient);
        Measure("Parse", bytes.Length, runs, () => CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient));
        Measure("Tokenize", bytes.Length, runs, () =>
        {
            var reader = new IcalReader(bytes, IcalReaderOptions.Lenient);
            while (reader.Read())
            {
            }
            reader.Dispose();
        });
        Measure("Serialize", bytes.Length, runs, () => CalendarSerializer.Serialize(calendar));
    }

    private static void Measure(string name, int size, int runs, Action action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }
        var (wallMedian, cpuMedian) = Medians(runs, action);
        Console.WriteLine($"{name} {wallMedian:F2} {cpuMedian:F2} {size / 1e6 / (cpuMedian / 1000):F1}");
    }

    /// <summary>Runs <paramref name="action"/> <paramref name="runs"/> times; median wall and process-CPU milliseconds.</summary>
    internal static (double WallMs, double CpuMs) Medians(int runs, Action action)
    {
        var process = Process.GetCurrentProcess();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            process.Refresh();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        wall.Sort();
        cpu.Sort();
        return (wall[runs / 2], cpu[runs / 2]);
    }
}
