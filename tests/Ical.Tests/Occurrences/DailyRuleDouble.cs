using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>
/// Test double for RuleExpander (another engineer's folder) understanding only FREQ=DAILY with
/// optional INTERVAL and COUNT, enough to drive the expansion logic in isolation. The oracle
/// tests run the real RuleExpander.
/// </summary>
internal static class DailyRuleDouble
{
    public static IEnumerable<LocalDateTime> Expand(CalendarProperty rrule, LocalDateTime dtStart, DateTimeZone? zone, LocalDateTime? from)
    {
        var parts = rrule.RawValue.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("DAILY", parts["FREQ"]);
        var interval = parts.TryGetValue("INTERVAL", out var i) ? int.Parse(i) : 1;
        int? count = parts.TryGetValue("COUNT", out var c) ? int.Parse(c) : null;
        for (var n = 0; count is null || n < count; n++)
        {
            var next = dtStart.PlusDays(n * interval);
            if (from is { } f && next < f && count is null)
            {
                continue;
            }
            yield return next;
        }
    }

    /// <summary>Counts how many instances the expander pulled, to prove laziness.</summary>
    public sealed class Counting
    {
        public int Pulled { get; private set; }

        public IEnumerable<LocalDateTime> Expand(CalendarProperty rrule, LocalDateTime dtStart, DateTimeZone? zone, LocalDateTime? from)
        {
            foreach (var value in DailyRuleDouble.Expand(rrule, dtStart, zone, from))
            {
                Pulled++;
                yield return value;
            }
        }
    }
}
