using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// Turns a VTIMEZONE component (RFC 5545 section 3.6.5) into a NodaTime <see cref="DateTimeZone"/>,
/// so a calendar's own time-zone definition can be used where its TZID is no known zone.
/// </summary>
public static class VTimeZoneReader
{
    /// <summary>
    /// Builds a zone from the STANDARD/DAYLIGHT observances: their DTSTART, TZOFFSETFROM, TZOFFSETTO,
    /// TZNAME, RRULE and RDATE. Before the earliest onset the zone uses that observance's TZOFFSETFROM;
    /// rules without UNTIL or COUNT apply for every later year.
    /// </summary>
    /// <remarks>
    /// Onsets are computed for the years 2 to 9998; RRULEs are expanded by the recurrence engine,
    /// except HOURLY, MINUTELY and SECONDLY ones, which no real zone uses and which are rejected.
    /// When two onsets fall on the same instant the one listed first wins. The zone is immutable
    /// and safe to share between threads.
    /// </remarks>
    /// <exception cref="IcalFormatException">The component is no VTIMEZONE, has no TZID or no
    /// observance, or an observance lacks or has a malformed required property (DTSTART,
    /// TZOFFSETFROM, TZOFFSETTO) or a malformed RRULE or RDATE.</exception>
    public static DateTimeZone FromComponent(CalendarComponent vtimezone)
    {
        ArgumentNullException.ThrowIfNull(vtimezone);
        if (!string.Equals(vtimezone.Name, "VTIMEZONE", StringComparison.OrdinalIgnoreCase))
        {
            throw new IcalFormatException($"expected a VTIMEZONE component, not {vtimezone.Name}", vtimezone.Line, 0);
        }
        var tzid = vtimezone.GetProperty("TZID")?.RawValue.Trim();
        if (string.IsNullOrEmpty(tzid))
        {
            throw new IcalFormatException("VTIMEZONE has no TZID (RFC 5545 section 3.6.5)", vtimezone.Line, 0);
        }
        var observances = new List<Observance>();
        foreach (var component in vtimezone.Components)
        {
            var isStandard = string.Equals(component.Name, "STANDARD", StringComparison.OrdinalIgnoreCase);
            var isDaylight = string.Equals(component.Name, "DAYLIGHT", StringComparison.OrdinalIgnoreCase);
            if (isStandard || isDaylight)
            {
                observances.Add(ReadObservance(component, isDaylight));
            }
        }
        if (observances.Count == 0)
        {
            throw new IcalFormatException(
                "VTIMEZONE has no STANDARD or DAYLIGHT observance (RFC 5545 section 3.6.5)", vtimezone.Line, 0);
        }
        return new ObservanceZone(tzid, observances);
    }

    private static Observance ReadObservance(CalendarComponent component, bool isDaylight)
    {
        var from = ObservanceValues.ParseUtcOffset(Required(component, "TZOFFSETFROM").RawValue, Required(component, "TZOFFSETFROM"));
        var to = ObservanceValues.ParseUtcOffset(Required(component, "TZOFFSETTO").RawValue, Required(component, "TZOFFSETTO"));
        var dtStartProperty = Required(component, "DTSTART");
        var start = ReadLocal(dtStartProperty.RawValue, dtStartProperty, from);
        var name = component.GetProperty("TZNAME")?.RawValue.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = ObservanceValues.FormatUtcOffset(to);
        }
        var rules = component.GetProperties("RRULE")
            .Select(rrule => ObservanceRecurrence.Create(rrule, start, from))
            .ToList();
        var extra = new List<LocalDateTime>();
        foreach (var rdate in component.GetProperties("RDATE"))
        {
            foreach (var item in rdate.RawValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // VALUE=PERIOD: only the period's start is an onset.
                var slash = item.IndexOf('/');
                extra.Add(ReadLocal(slash >= 0 ? item[..slash] : item, rdate, from));
            }
        }
        return new Observance(isDaylight, start, from, to, name, rules, extra);
    }

    /// <summary>
    /// Observance times are local (RFC 5545 section 3.6.5); a UTC form seen in the wild is turned into
    /// the local time it denotes in the offset that is in force before the onset.
    /// </summary>
    private static LocalDateTime ReadLocal(string text, CalendarProperty property, Offset offsetFrom)
    {
        var local = ObservanceValues.ParseDateTime(text, property, out var isUtc);
        if (local.Year is < 2 or > ObservanceZone.LastSupportedYear)
        {
            throw ObservanceValues.Error($"'{text}' is outside the years 2 to {ObservanceZone.LastSupportedYear} a zone can use", property);
        }
        return isUtc ? local.InUtc().ToInstant().WithOffset(offsetFrom).LocalDateTime : local;
    }

    private static CalendarProperty Required(CalendarComponent component, string name) =>
        component.GetProperty(name)
        ?? throw new IcalFormatException(
            $"{component.Name} observance has no {name} (RFC 5545 section 3.6.5)", component.Line, 0);
}
