using System.Diagnostics;
using System.Runtime.InteropServices;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Bench.Ical;

/// <summary>
/// Where the parser's time and memory go, for guiding optimisation on a loaded machine: bytes
/// allocated per parse, the garbage collections and their pause time, process CPU time, and an
/// estimate of what the finished tree itself occupies (objects, arrays, strings) so the gap to
/// the allocated total shows the parser's own waste.
/// </summary>
internal static class ParseProfile
{
    public static void Run(string path, int runs)
    {
        var bytes = File.ReadAllBytes(path);
        var calendar = CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient);
        for (var i = 0; i < 3; i++)
        {
            CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient);
        }
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pauseBefore = GC.GetTotalPauseDuration();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var fastestCpu = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var cpuStart = process.TotalProcessorTime;
            CalendarParser.ParseSingle(bytes, IcalReaderOptions.Lenient);
            process.Refresh();
            fastestCpu = Math.Min(fastestCpu, (process.TotalProcessorTime - cpuStart).TotalMilliseconds);
        }
        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / runs;
        var pause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / runs;
        Console.WriteLine($"input {bytes.Length} bytes; per parse: allocated {allocated} bytes, CPU {cpu:F2} ms ({bytes.Length / 1e3 / cpu:F1} MB/s), wall {clock.Elapsed.TotalMilliseconds / runs:F2} ms, GC pause {pause:F2} ms");
        Console.WriteLine($"fastest parse by CPU time: {fastestCpu:F2} ms ({bytes.Length / 1e3 / fastestCpu:F1} MB/s)");
        Console.WriteLine($"collections over {runs} parses: gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}; GC mode server={System.Runtime.GCSettings.IsServerGC} latency={System.Runtime.GCSettings.LatencyMode}");
        var census = new TreeCensus();
        census.Visit(calendar);
        census.Print();
    }

    private sealed class TreeCensus
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        private long _components, _properties, _parameters, _arrays, _arrayBytes, _strings, _stringBytes;
        private long _distinctValueStrings, _valueStringBytes, _valueCount;
        private readonly Dictionary<string, int> _valueRepeats = new();

        public void Visit(CalendarComponent component)
        {
            _components++;
            Array(component.Properties.Length);
            Array(component.Components.Length);
            String(component.Name);
            foreach (var property in component.Properties)
            {
                _properties++;
                String(property.Name);
                _valueCount++;
                if (String(property.RawValue))
                {
                    _distinctValueStrings++;
                    _valueStringBytes += StringSize(property.RawValue);
                }
                _valueRepeats[property.RawValue] = _valueRepeats.GetValueOrDefault(property.RawValue) + 1;
                if (!property.Parameters.IsEmpty && _seen.Add(ImmutableCollectionsMarshal.AsArray(property.Parameters)!))
                {
                    Array(property.Parameters.Length);
                    foreach (var parameter in property.Parameters)
                    {
                        if (_seen.Add(parameter))
                        {
                            _parameters++;
                        }
                    }
                }
            }
            foreach (var child in component.Components)
            {
                Visit(child);
            }
        }

        public void Print()
        {
            const long objectHeader = 16;
            var componentBytes = _components * (objectHeader + 8 + 8 + 8 + 8);
            var propertyBytes = _properties * (objectHeader + 8 + 8 + 8 + 8);
            Console.WriteLine($"tree: {_components} components ({componentBytes} B), {_properties} properties ({propertyBytes} B), {_parameters} distinct parameters, {_arrays} non-empty arrays ({_arrayBytes} B), {_strings} distinct strings ({_stringBytes} B)");
            Console.WriteLine($"values: {_valueCount} property values, {_distinctValueStrings} distinct string objects ({_valueStringBytes} B), {_valueRepeats.Count} distinct texts");
            Console.WriteLine($"estimated live tree: {componentBytes + propertyBytes + _arrayBytes + _stringBytes} B");
            foreach (var (text, count) in _valueRepeats.OrderByDescending(pair => pair.Value).Take(12))
            {
                Console.WriteLine($"  {count,7} x {text[..Math.Min(40, text.Length)]}");
            }
        }

        private void Array(int length)
        {
            if (length > 0)
            {
                _arrays++;
                _arrayBytes += 24 + (8L * length);
            }
        }

        private bool String(string text)
        {
            if (!_seen.Add(text))
            {
                return false;
            }
            _strings++;
            _stringBytes += StringSize(text);
            return true;
        }

        private static long StringSize(string text) => (22 + (2L * text.Length) + 7) / 8 * 8;
    }
}
