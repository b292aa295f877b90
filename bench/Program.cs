using AuroraTime.Bench.Ical;
using BenchmarkDotNet.Running;

// "generate-ical" writes the benchmark calendar and prints its path (bench/run-ical.sh feeds it to ical.js).
if (args is ["generate-ical"])
{
    Console.WriteLine(BenchCalendar.WriteTempFile());
    return;
}

// "cpu-ical <file> [runs]" measures CPU time per operation (see CpuTimeMeasurement).
if (args is ["cpu-ical", var file, ..])
{
    CpuTimeMeasurement.Run(file, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchCalendar).Assembly).Run(args);
