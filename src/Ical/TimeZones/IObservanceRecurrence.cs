using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// The onsets an observance's RRULE produces. One seam so the time-zone reader does not care which
/// recurrence implementation expands the rule.
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
    /// <exception cref="IcalFormatException">The rule is malformed or of a form not supported.</exception>
    public static IObservanceRecurrence Create(CalendarProperty rrule, LocalDateTime dtStart, Offset offsetFrom) =>
        YearlyObservanceRule.Parse(rrule, dtStart, offsetFrom);
}
