using AuroraTime.Ical.Model;
using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// The onsets an observance's RRULE produces. One seam so the time-zone reader does not care how
/// the rule is expanded.
/// </summary>
internal interface IObservanceRecurrence
{
    /// <summary>True when the rule has neither UNTIL nor COUNT, so it goes on for ever.</summary>
    bool IsUnbounded { get; }

    /// <summary>
    /// Onsets as local wall times (the observance's DTSTART time scale, i.e. in TZOFFSETFROM), in
    /// ascending order, DTSTART first (RFC 5545 section 3.8.5.3: DTSTART is the first instance),
    /// with UNTIL and COUNT honoured, skipping onsets before <paramref name="from"/>.
    /// </summary>
    IEnumerable<LocalDateTime> OnsetsFrom(LocalDateTime from);
}

internal static class ObservanceRecurrence
{
    /// <summary>Builds the expander for one RRULE property of an observance.</summary>
    /// <exception cref="IcalFormatException">The rule is malformed (with the property's line).</exception>
    public static IObservanceRecurrence Create(CalendarProperty rrule, LocalDateTime dtStart, Offset offsetFrom)
    {
        if (!RecurrenceRule.TryParse(rrule.RawValue, out var rule, out var error))
        {
            throw ObservanceValues.Error($"RRULE: {error}", rrule);
        }
        // Offsets change a few times a year at most. A rule firing every hour, minute or second
        // describes no real zone and would only make every offset lookup expensive.
        if (rule!.Frequency is RecurrenceFrequency.Hourly or RecurrenceFrequency.Minutely or RecurrenceFrequency.Secondly)
        {
            throw ObservanceValues.Error($"RRULE FREQ={rule.Frequency.ToString().ToUpperInvariant()} is not supported in a time-zone observance", rrule);
        }
        return new EngineObservanceRule(rule, dtStart, offsetFrom);
    }

    /// <summary>An observance RRULE expanded by the engine's <see cref="RuleExpander"/>.</summary>
    private sealed class EngineObservanceRule(RecurrenceRule rule, LocalDateTime dtStart, Offset offsetFrom) : IObservanceRecurrence
    {
        // Real observance rules yield one onset a year; these limits only stop a hostile rule
        // (FREQ=SECONDLY in a VTIMEZONE) from costing more than a moment per lookup.
        private static readonly RecurrenceLimits Limits = new(MaxInstances: 20_000, MaxCandidates: 1_000_000);

        // Onsets are local times in TZOFFSETFROM, and a UTC UNTIL is compared with the onset's
        // instant (RFC 5545 section 3.3.10), which is exactly what a fixed-offset zone gives.
        private readonly DateTimeZone _onsetZone = DateTimeZone.ForOffset(offsetFrom);

        public bool IsUnbounded => rule.Count is null && rule.Until is null;

        public IEnumerable<LocalDateTime> OnsetsFrom(LocalDateTime from)
        {
            foreach (var onset in RuleExpander.Expand(rule, dtStart, _onsetZone, Limits, from))
            {
                if (onset.Year > ObservanceZone.LastSupportedYear)
                {
                    yield break;
                }
                yield return onset;
            }
        }
    }
}
