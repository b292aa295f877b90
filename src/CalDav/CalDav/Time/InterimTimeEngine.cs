using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Time;

/// <summary>
/// A time engine built only on the Ical project's public pieces (RuleExpander, TimeRangeRules,
/// TimeZoneResolver) until the engine's own public time-range API is merged: DTSTART + RRULE +
/// RDATE - EXDATE, RECURRENCE-ID overrides replacing instances (no THISANDFUTURE shifts), and the
/// RFC 4791 section 9.9 tables. Bad values count as "no time" rather than failing a query.
/// </summary>
public sealed class InterimTimeEngine(int maxInstances = 5000) : ICalendarTimeEngine
{
    private static readonly Duration FloatingSpread = Duration.FromHours(14);

    public (Instant? First, Instant? Last) Bounds(CalendarComponent vcalendar, DateTimeZone floatingZone)
    {
        Instant? first = null;
        Instant? last = null;
        var unboundedEnd = false;
        var unboundedStart = false;
        var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
        foreach (var component in vcalendar.Components.Where(IsSchedulable))
        {
            if (component.GetProperty("DTSTART") is null && component.GetProperty("DUE") is null)
            {
                // RFC 4791 9.9: a VTODO without DTSTART/DUE matches by COMPLETED/CREATED or always.
                unboundedStart = unboundedEnd = true;
                continue;
            }
            if (component.GetProperties("RRULE").Any(r => !r.RawValue.Contains("COUNT=", StringComparison.OrdinalIgnoreCase) && !r.RawValue.Contains("UNTIL=", StringComparison.OrdinalIgnoreCase)))
            {
                unboundedEnd = true;
            }
            if (component.GetComponents("VALARM").Any())
            {
                // Alarm triggers may lie before the start or after the end: keep the prefilter open.
                unboundedStart = unboundedEnd = true;
            }
        }
        var count = 0;
        foreach (var group in Groups(vcalendar))
        {
            foreach (var instance in ExpandGroup(group, zones, floatingZone, null, null))
            {
                count++;
                first = first is { } f ? Instant.Min(f, instance.Start) : instance.Start;
                last = last is { } l ? Instant.Max(l, instance.End) : instance.End;
            }
        }
        if (count >= maxInstances)
        {
            unboundedEnd = true;
        }
        if (first is null)
        {
            return (null, null);
        }
        return (unboundedStart ? null : first - FloatingSpread, unboundedEnd ? null : last + FloatingSpread);
    }

    public bool Overlaps(CalendarComponent vcalendar, CalendarComponent component, Instant? start, Instant? end, DateTimeZone floatingZone)
    {
        var range = new TimeRangeWindow(start, end);
        var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
        var name = component.Name.ToUpperInvariant();
        if (name == "VTODO" && component.GetProperty("DTSTART") is null && component.GetProperty("DUE") is null)
        {
            return TimeRangeRules.TodoOverlaps(range, null, null, null, Read(component, "COMPLETED", zones, floatingZone), Read(component, "CREATED", zones, floatingZone));
        }
        if (name == "VFREEBUSY")
        {
            var periods = component.GetProperties("FREEBUSY").SelectMany(p => SafePeriods(p, zones, floatingZone));
            return TimeRangeRules.FreeBusyOverlaps(range, Read(component, "DTSTART", zones, floatingZone), Read(component, "DTEND", zones, floatingZone), periods);
        }
        var group = Groups(vcalendar).FirstOrDefault(g => g.Contains(component)) ?? [component];
        var margin = Duration.FromDays(2);
        foreach (var instance in ExpandGroup(group, zones, floatingZone, start - margin, end + margin))
        {
            if (!ReferenceEquals(instance.Component, component))
            {
                continue;
            }
            if (InstanceOverlaps(name, instance, range, zones, floatingZone))
            {
                return true;
            }
        }
        return false;
    }

    public IEnumerable<TimedInstance> Expand(CalendarComponent vcalendar, string componentName, string? uid, Instant? start, Instant? end, DateTimeZone floatingZone)
    {
        var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
        var range = new TimeRangeWindow(start, end);
        var name = componentName.ToUpperInvariant();
        foreach (var group in Groups(vcalendar).Where(g => g[0].Name.Equals(componentName, StringComparison.OrdinalIgnoreCase)
                                                            && (uid is null || g[0].GetProperty("UID")?.RawValue == uid)))
        {
            foreach (var instance in ExpandGroup(group, zones, floatingZone, start - Duration.FromDays(2), end + Duration.FromDays(2)))
            {
                if (InstanceOverlaps(name, instance, range, zones, floatingZone))
                {
                    yield return instance;
                }
            }
        }
    }

    /// <summary>RFC 4791 section 9.9, the table for the instance's component type.</summary>
    private static bool InstanceOverlaps(string name, TimedInstance instance, TimeRangeWindow range, TimeZoneResolver zones, DateTimeZone floatingZone)
    {
        var component = instance.Component;
        switch (name)
        {
            case "VTODO":
                var hasStart = component.GetProperty("DTSTART") is not null;
                return TimeRangeRules.TodoOverlaps(range,
                    hasStart ? instance.Start : null,
                    hasStart && component.GetProperty("DURATION") is not null ? instance.End : null,
                    component.GetProperty("DUE") is not null ? instance.End : null,
                    Read(component, "COMPLETED", zones, floatingZone),
                    Read(component, "CREATED", zones, floatingZone));
            case "VJOURNAL":
                return TimeRangeRules.JournalOverlaps(range, instance.Start, instance.End > instance.Start ? instance.End : null);
            default:
                var kind = component.GetProperty("DTEND") is not null ? EventEndKind.DtEnd
                    : component.GetProperty("DURATION") is not null ? EventEndKind.Duration
                    : EventEndKind.None;
                return TimeRangeRules.EventOverlaps(range, instance.Start, kind, instance.End);
        }
    }

    private static bool IsSchedulable(CalendarComponent c) =>
        c.Name.Equals("VEVENT", StringComparison.OrdinalIgnoreCase)
        || c.Name.Equals("VTODO", StringComparison.OrdinalIgnoreCase)
        || c.Name.Equals("VJOURNAL", StringComparison.OrdinalIgnoreCase);

    private static bool IsOverride(CalendarComponent c) => c.GetProperty("RECURRENCE-ID") is not null;

    /// <summary>Master and overrides grouped by component name and UID; the master (if any) first.</summary>
    private static List<List<CalendarComponent>> Groups(CalendarComponent vcalendar)
    {
        var groups = new Dictionary<string, List<CalendarComponent>>(StringComparer.Ordinal);
        var ordered = new List<List<CalendarComponent>>();
        foreach (var component in vcalendar.Components.Where(IsSchedulable))
        {
            var key = component.Name.ToUpperInvariant() + "\n" + (component.GetProperty("UID")?.RawValue ?? Guid.NewGuid().ToString());
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                ordered.Add(group);
            }
            if (IsOverride(component))
            {
                group.Add(component);
            }
            else
            {
                group.Insert(0, component);
            }
        }
        return ordered;
    }

    private IEnumerable<TimedInstance> ExpandGroup(List<CalendarComponent> group, TimeZoneResolver zones, DateTimeZone floatingZone, Instant? windowStart, Instant? windowEnd)
    {
        var overrides = new Dictionary<Instant, CalendarComponent>();
        foreach (var component in group.Where(IsOverride))
        {
            if (TryInstant(component.GetProperty("RECURRENCE-ID"), zones, floatingZone, out var recurrenceId))
            {
                overrides[recurrenceId] = component;
            }
        }
        var master = group.FirstOrDefault(c => !IsOverride(c));
        var produced = 0;
        var seen = new HashSet<Instant>();
        if (master is not null && Timing.Of(master, zones, floatingZone) is { } timing)
        {
            foreach (var start in timing.Starts(master, zones, floatingZone, windowStart, windowEnd, maxInstances))
            {
                if (!seen.Add(start))
                {
                    continue;
                }
                if (++produced > maxInstances)
                {
                    yield break;
                }
                var recurrenceId = timing.IsRecurring ? start : (Instant?)null;
                if (overrides.TryGetValue(start, out var replacement))
                {
                    if (Timing.Of(replacement, zones, floatingZone) is { } own)
                    {
                        yield return new TimedInstance(replacement, own.Start, own.Start + own.Length(replacement, own.Start, zones, floatingZone), start);
                    }
                    continue;
                }
                yield return new TimedInstance(master, start, start + timing.Length(master, start, zones, floatingZone), recurrenceId);
            }
        }
        foreach (var (recurrenceId, replacement) in overrides.Where(o => !seen.Contains(o.Key)))
        {
            // An override without a matching master instance (e.g. the master was not sent) stands alone.
            if (Timing.Of(replacement, zones, floatingZone) is { } own)
            {
                yield return new TimedInstance(replacement, own.Start, own.Start + own.Length(replacement, own.Start, zones, floatingZone), recurrenceId);
            }
        }
    }

    internal static Instant? Read(CalendarComponent component, string name, TimeZoneResolver zones, DateTimeZone floatingZone) =>
        TryInstant(component.GetProperty(name), zones, floatingZone, out var value) ? value : null;

    private static bool TryInstant(CalendarProperty? property, TimeZoneResolver zones, DateTimeZone floatingZone, out Instant instant)
    {
        instant = default;
        if (property is null)
        {
            return false;
        }
        try
        {
            instant = IcalDateTime.FromProperty(property).ToInstant(zones, floatingZone);
            return true;
        }
        catch (IcalFormatException)
        {
            return false;
        }
    }

    private static IEnumerable<(Instant Start, Instant End)> SafePeriods(CalendarProperty property, TimeZoneResolver zones, DateTimeZone floatingZone)
    {
        IReadOnlyList<IcalPeriod> periods;
        try
        {
            periods = DateTimeListValue.ParsePeriods(property);
        }
        catch (IcalFormatException)
        {
            yield break;
        }
        foreach (var period in periods)
        {
            var start = period.Start.ToInstant(zones, floatingZone);
            var end = period.End is { } e ? e.ToInstant(zones, floatingZone)
                : period.Duration is { } d ? start + d.ExactPart + Duration.FromDays(d.NominalDays)
                : start;
            yield return (start, end);
        }
    }

    /// <summary>The start and length rules of one component (RFC 5545 3.6.1, 3.6.2, 3.6.3).</summary>
    private sealed record Timing(IcalDateTime DtStart, Instant Start, DateTimeZone? Zone, bool IsRecurring)
    {
        public static Timing? Of(CalendarComponent component, TimeZoneResolver zones, DateTimeZone floatingZone)
        {
            var property = component.GetProperty("DTSTART") ?? component.GetProperty("DUE");
            if (property is null)
            {
                return null;
            }
            try
            {
                var dtStart = IcalDateTime.FromProperty(property);
                var zone = dtStart.Kind switch
                {
                    IcalTimeKind.Utc => DateTimeZone.Utc,
                    IcalTimeKind.Zoned when dtStart.TzId is not null => zones.Find(dtStart.TzId),
                    _ => null,
                };
                var recurring = component.GetProperty("RRULE") is not null || component.GetProperty("RDATE") is not null;
                return new Timing(dtStart, dtStart.ToInstant(zones, floatingZone), zone, recurring);
            }
            catch (IcalFormatException)
            {
                return null;
            }
        }

        /// <summary>DTEND/DUE minus DTSTART, or DURATION (nominal days in local time), or one day for a DATE start.</summary>
        public Duration Length(CalendarComponent component, Instant start, TimeZoneResolver zones, DateTimeZone floatingZone)
        {
            try
            {
                if (component.GetProperty("DTSTART") is null)
                {
                    return Duration.Zero; // DUE-only to-do: the instance is the due time.
                }
                var endProperty = component.GetProperty("DTEND") ?? component.GetProperty("DUE");
                if (endProperty is not null)
                {
                    var end = IcalDateTime.FromProperty(endProperty).ToInstant(zones, floatingZone);
                    return end > Start ? end - Start : Duration.Zero;
                }
                if (component.GetProperty("DURATION") is { } durationProperty && IcalDuration.TryParse(durationProperty.RawValue, out var duration) && !duration.IsNegative)
                {
                    var local = start.InZone(Zone ?? floatingZone).LocalDateTime.PlusDays(duration.NominalDays);
                    return local.InZoneLeniently(Zone ?? floatingZone).ToInstant() - start + duration.ExactPart;
                }
                return DtStart.IsDate ? Duration.FromDays(1) : Duration.Zero;
            }
            catch (IcalFormatException)
            {
                return Duration.Zero;
            }
        }

        /// <summary>Instance starts: DTSTART, RRULE and RDATE, minus EXDATE (RFC 5545 section 3.8.5).</summary>
        public IEnumerable<Instant> Starts(CalendarComponent component, TimeZoneResolver zones, DateTimeZone floatingZone, Instant? windowStart, Instant? windowEnd, int max)
        {
            var excluded = new HashSet<Instant>();
            foreach (var exdate in component.GetProperties("EXDATE"))
            {
                foreach (var value in SafeList(exdate))
                {
                    excluded.Add(value.ToInstant(zones, floatingZone));
                }
            }
            var starts = new SortedSet<Instant>();
            if (!excluded.Contains(Start))
            {
                starts.Add(Start);
            }
            foreach (var rdate in component.GetProperties("RDATE"))
            {
                foreach (var value in SafeList(rdate))
                {
                    var instant = value.ToInstant(zones, floatingZone);
                    if (!excluded.Contains(instant))
                    {
                        starts.Add(instant);
                    }
                }
            }
            foreach (var rrule in component.GetProperties("RRULE").Take(1))
            {
                if (!RecurrenceRule.TryParse(rrule.RawValue, out var rule, out _) || rule is null)
                {
                    continue;
                }
                LocalDateTime? from = windowStart is { } ws && ws - Duration.FromDays(400) > Start
                    ? (ws - Duration.FromDays(400)).InZone(Zone ?? floatingZone).LocalDateTime
                    : null;
                var produced = 0;
                foreach (var local in RuleExpander.Expand(rule, DtStart.Local, Zone, new RecurrenceLimits(max, 2_000_000), from))
                {
                    var instant = local.InZoneLeniently(Zone ?? floatingZone).ToInstant();
                    if (windowEnd is { } we && instant >= we)
                    {
                        break;
                    }
                    if (!excluded.Contains(instant))
                    {
                        starts.Add(instant);
                    }
                    if (++produced >= max)
                    {
                        break;
                    }
                }
            }
            return starts;
        }

        private static IReadOnlyList<IcalDateTime> SafeList(CalendarProperty property)
        {
            try
            {
                return DateTimeListValue.Parse(property);
            }
            catch (IcalFormatException)
            {
                return [];
            }
        }
    }
}
