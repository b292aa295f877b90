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

// "expand-ical <file> [runs]" expands every recurring event in full (see ExpandMeasurement).
if (args is ["expand-ical", var expanded, ..])
{
    ExpandMeasurement.Run(expanded, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

// "cpu-range-index [runs]" measures what a PUT pays for the stored time-range data (see RangeIndexMeasurement).
if (args is ["cpu-range-index", ..])
{
    RangeIndexMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

// "profile-ical <file> [runs]" prints allocations, collections and a census of the parsed tree (see ParseProfile).
if (args is ["profile-ical", var profiled, ..])
{
    ParseProfile.Run(profiled, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

// "parse-loop <file> <n>" only parses n times: a fixed workload for instruction counters (valgrind --tool=callgrind).
if (args is ["parse-loop", var looped, var count])
{
    var input = File.ReadAllBytes(looped);
    for (var i = 0; i < int.Parse(count, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        AuroraTime.Ical.Reading.CalendarParser.ParseSingle(input);
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchCalendar).Assembly).Run(args);
