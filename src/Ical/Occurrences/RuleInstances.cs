using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// Expands one RRULE property into ascending local start times (the RuleExpander contract:
/// <paramref name="zone"/> null means floating/DATE; <paramref name="from"/> lets it skip ahead).
/// </summary>
internal delegate IEnumerable<LocalDateTime> RuleInstances(CalendarProperty rrule, LocalDateTime dtStart, DateTimeZone? zone, LocalDateTime? from);
