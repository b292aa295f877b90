using System.Runtime.InteropServices;

/// <summary>
/// The CPU time of the whole process (all threads, so GC and thread-pool work count) in nanoseconds,
/// from clock_gettime(CLOCK_PROCESS_CPUTIME_ID). On a shared, overloaded machine waiting for a core
/// inflates wall-clock time many times over but not this; Process.TotalProcessorTime is too coarse
/// here (clock ticks of 10 ms) for operations of a few milliseconds.
/// </summary>
internal static class ProcessCpuClock
{
    private const int ClockProcessCpuTimeId = 2; // Linux <time.h>

    public static long NowNanoseconds()
    {
        if (clock_gettime(ClockProcessCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
        }
        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
