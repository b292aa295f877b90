using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// The RECURRENCE-ID components of a series (RFC 5545 section 3.8.4.4). Each replaces the
/// instance whose original start equals its RECURRENCE-ID; one with RANGE=THISANDFUTURE also
/// governs every later instance, which moves by the same offset and takes its length.
/// </summary>
internal sealed class OverrideSet
{
    private readonly Dictionary<Instant, Occurrence> byRecurrenceId = [];
    private readonly List<FutureShift> shifts = [];

    private readonly record struct FutureShift(Instant RecurrenceId, Duration Offset, Duration Length, CalendarComponent Component);

    /// <summary>Largest absolute THISANDFUTURE offset: how far an instance can move from its original start.</summary>
    public Duration MaxShift { get; private set; } = Duration.Zero;

    public IEnumerable<(Instant OriginalStart, Occurrence Occurrence)> Replacements =>
        byRecurrenceId.Select(pair => (pair.Key, pair.Value));

    /// <exception cref="IcalFormatException">A RECURRENCE-ID, DTSTART, DTEND or DURATION is malformed.</exception>
    public static OverrideSet Of(IEnumerable<CalendarComponent> overrides, OccurrenceClock clock)
    {
        var result = new OverrideSet();
        foreach (var component in overrides)
        {
            var recurrenceIdProperty = component.GetProperty("RECURRENCE-ID")!;
            var recurrenceId = IcalDateTime.FromProperty(recurrenceIdProperty);
            var originalStart = clock.ToInstant(recurrenceId);
            var startProperty = component.GetProperty("DTSTART") ?? component.GetProperty("DUE");
            var startValue = startProperty is null ? recurrenceId : IcalDateTime.FromProperty(startProperty);
            var start = clock.ToInstant(startValue);
            var end = InstanceLength.Of(component, startValue, clock).EndOf(startValue.Local, start, clock.SeriesZone(startValue), clock);
            // Two overrides for one instance: the later one in the file wins (the validator rejects this).
            result.byRecurrenceId[originalStart] = new Occurrence(recurrenceId, start, end, component, true);
            var range = recurrenceIdProperty.GetParameterValue("RANGE");
            if (string.Equals(range, "THISANDFUTURE", StringComparison.OrdinalIgnoreCase))
            {
                var offset = start - originalStart;
                result.shifts.Add(new FutureShift(originalStart, offset, end - start, component));
                var magnitude = offset < Duration.Zero ? -offset : offset;
                result.MaxShift = Duration.Max(result.MaxShift, magnitude);
            }
        }
        result.shifts.Sort((a, b) => a.RecurrenceId.CompareTo(b.RecurrenceId));
        return result;
    }

    public bool Replaces(Instant originalStart) => byRecurrenceId.ContainsKey(originalStart);

    /// <summary>
    /// The instance as the series describes it after THISANDFUTURE overrides: the latest one whose
    /// RECURRENCE-ID is before <paramref name="originalStart"/> moves it and lends its component.
    /// </summary>
    public Occurrence Apply(IcalDateTime recurrenceId, Instant originalStart, Instant end, CalendarComponent master)
    {
        for (var i = shifts.Count - 1; i >= 0; i--)
        {
            var shift = shifts[i];
            if (shift.RecurrenceId < originalStart)
            {
                var start = originalStart + shift.Offset;
                return new Occurrence(recurrenceId, start, start + shift.Length, shift.Component, true);
            }
        }
        return new Occurrence(recurrenceId, originalStart, end, master, false);
    }
}
