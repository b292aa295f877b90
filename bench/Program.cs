using AuroraTime.Bench.Ical;
using BenchmarkDotNet.Running;

// "generate-ical" writes the benchmark calendar and prints its path (bench/run-ical.sh feeds it to ical.js).
if (args is ["generate-ical"])
{
    Console.WriteLine(BenchCalendar.WriteTempFile());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchCalendar).Assembly).Run(args);
