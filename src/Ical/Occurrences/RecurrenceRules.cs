using AuroraTime.Ical.Model;
using AuroraTime.Ical.Recurrence;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>Binds <see cref="RuleInstances"/> to the engine's <see cref="RuleExpander"/>.</summary>
internal static class RecurrenceRules
{
    public static RuleInstances Using(RecurrenceLimits limits) =>
        (rrule, dtStart, zone, from) => Expand(rrule, dtStart, zone, from, limits);

    private static IEnumerable<LocalDateTime> Expand(CalendarProperty rrule, LocalDateTime dtStart, DateTimeZone? zone, LocalDateTime? from, RecurrenceLimits limits)
    {
        RecurrenceRule rule;
        try
        {
            rule = RecurrenceRule.Parse(rrule.RawValue.Trim());
        }
        catch (IcalFormatException error) when (error.Line == 0)
        {
            throw new IcalFormatException(error.Reason, rrule.Line, error.Column);
        }
        return RuleExpander.Expand(rule, dtStart, zone, limits, from);
    }
}
