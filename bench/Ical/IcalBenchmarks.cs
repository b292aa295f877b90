using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Writing;
using BenchmarkDotNet.Attributes;

namespace AuroraTime.Bench.Ical;

/// <summary>Parse, tokenize and serialise the 10,000-event calendar of <see cref="BenchCalendar"/>.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class IcalBenchmarks
{
    private byte[] _bytes = [];
    private CalendarComponent _calendar = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchCalendar.WriteTempFile();
        _bytes = File.ReadAllBytes(path);
        _calendar = CalendarParser.ParseSingle(_bytes, IcalReaderOptions.Strict);
        Console.WriteLine($"// input: {path}, {_bytes.Length} bytes");
    }

    [Benchmark]
    public CalendarComponent Parse() => CalendarParser.ParseSingle(_bytes, IcalReaderOptions.Lenient);

    [Benchmark]
    public int Tokenize()
    {
        var reader = new IcalReader(_bytes, IcalReaderOptions.Lenient);
        var total = 0;
        while (reader.Read())
        {
            total += reader.ValueSpan.Length;
            foreach (var parameter in reader.GetParameters())
            {
                total += parameter.RawValuesSpan.Length;
            }
        }
        reader.Dispose();
        return total;
    }

    [Benchmark]
    public byte[] Serialize() => CalendarSerializer.Serialize(_calendar);
}
