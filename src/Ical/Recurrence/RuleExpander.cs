using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>Expands an RRULE (RFC 5545 section 3.3.10) into instance start times.</summary>
public static class RuleExpander
{
    /// <summary>
    /// Lazily yields the rule's instance start times in ascending order, DTSTART first when it matches
    /// the rule (RFC 5545: DTSTART counts as the first instance toward COUNT). Instances are local
    /// (wall-clock) times; resolving them to instants is the caller's job. <paramref name="zone"/> null
    /// means floating or DATE: UNTIL is compared as local time. With a zone, a UTC UNTIL is compared
    /// with each candidate resolved by the RFC 5545 3.3.5 rule (gap: shifted forward; overlap: earlier
    /// offset). <paramref name="from"/> skips instances before it, jumping ahead arithmetically when no
    /// COUNT forces a walk from DTSTART. Stops after <see cref="RecurrenceLimits.MaxInstances"/>
    /// instances or <see cref="RecurrenceLimits.MaxCandidates"/> examined candidates.
    /// </summary>
    public static IEnumerable<LocalDateTime> Expand(
        RecurrenceRule rule, LocalDateTime dtStart, DateTimeZone? zone, RecurrenceLimits limits, LocalDateTime? from = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(limits);
        if (dtStart.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("Recurrence is defined on the ISO (Gregorian) calendar.", nameof(dtStart));
        }
        return new RuleExpansion(rule, dtStart, zone, limits, from).Run();
    }
}
