using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Occurrences;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Reminders.Planning;

/// <summary>
/// Turns a stored calendar object into the next pending firing of each of its alarms. Pure: the
/// same bytes, owner and <c>after</c> give the same plan.
/// </summary>
/// <remarks>
/// <para>Per alarm of a series only the next pending firing is planned; the scheduler re-plans
/// after it fires (with <c>after</c> = the firing) to roll the series forward.</para>
/// <para>An override instance (RECURRENCE-ID) uses its own VALARMs instead of the master's, as
/// it replaces the instance's whole description (RFC 5545 section 3.8.4.4).</para>
/// <para>Acknowledgement: RFC 9074 section 6 ACKNOWLEDGED on the VALARM and Thunderbird's
/// X-MOZ-LASTACK on the event both silence firings at or before their instant. Snoozes: RFC 9074
/// section 5 snooze alarms (RELATED-TO;RELTYPE=SNOOZE) are ordinary VALARMs with an absolute
/// trigger, so they plan like any other; Thunderbird's X-MOZ-SNOOZE-TIME (and
/// X-MOZ-SNOOZE-TIME-&lt;recurrence id in microseconds since 1970&gt; for series) add one firing.</para>
/// <para>Apple's X-APPLE-DEFAULT-ALARM:TRUE marks an alarm Apple Calendar added from the user's own
/// default-alarm setting: it is the user's choice, so it is honoured like an explicit alarm (and
/// silenced by ACKNOWLEDGED like one). ACTION:NONE (RFC 9074 section 7) and unknown actions plan nothing.</para>
/// </remarks>
public static class AlarmPlanner
{
    /// <summary>Safety bound on instances looked at per series and plan.</summary>
    private const int MaxScannedInstances = 5000;

    /// <summary>
    /// The next firing, strictly after <paramref name="after"/>, of every alarm in the object,
    /// ordered by due time. An object the engine cannot read plans nothing.
    /// </summary>
    public static IReadOnlyList<PlannedReminder> Plan(ReadOnlySpan<byte> icalendar, PlanningOwner owner, Instant after)
    {
        ArgumentNullException.ThrowIfNull(owner);
        try
        {
            var roots = CalendarParser.Parse(icalendar);
            var plan = new List<PlannedReminder>();
            foreach (var vcalendar in roots.Where(r => r.Name == "VCALENDAR"))
            {
                var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
                var groups = vcalendar.Components
                    .Where(c => c.Name is "VEVENT" or "VTODO")
                    .GroupBy(c => c.GetProperty("UID")?.RawValue.Trim() ?? string.Empty, StringComparer.Ordinal);
                foreach (var group in groups)
                {
                    new SeriesPlan(group.Key, group.ToList(), zones, owner, after).AddTo(plan);
                }
            }
            plan.Sort((a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : string.CompareOrdinal(a.AlarmKey, b.AlarmKey));
            return plan;
        }
        catch (IcalFormatException)
        {
            // Stored objects passed the PUT validator; one the engine still cannot read gets no reminders
            // rather than stopping the scheduler.
            return [];
        }
    }

    private sealed class SeriesPlan(string uid, List<CalendarComponent> components, TimeZoneResolver zones, PlanningOwner owner, Instant after)
    {
        private readonly Dictionary<string, PlannedReminder> best = new(StringComparer.Ordinal);

        public void AddTo(List<PlannedReminder> plan)
        {
            var master = components.FirstOrDefault(c => c.GetProperty("RECURRENCE-ID") is null);
            var masterAlarms = master is null ? [] : Alarms(master);
            var reach = components.SelectMany(Alarms).Select(a => a.Trigger.Reach).DefaultIfEmpty(Duration.Zero).Max();
            if (reach == Duration.Zero && !components.Any(HasMozSnooze))
            {
                return;
            }
            var windowStart = after - reach - Duration.FromDays(1);
            var scanned = 0;
            foreach (var occurrence in OccurrenceExpander.Expand(components, zones, owner.Zone, windowStart, null, RecurrenceLimits.Default))
            {
                var alarms = occurrence.IsOverride ? Alarms(occurrence.Component) : masterAlarms;
                foreach (var alarm in alarms)
                {
                    Consider(occurrence, alarm);
                }
                if (occurrence.Start - reach > after && ++scanned > 0 && AllFound(masterAlarms, occurrence.Start - reach))
                {
                    break;
                }
                if (scanned > MaxScannedInstances)
                {
                    break;
                }
            }
            foreach (var component in components)
            {
                AddMozSnoozes(component);
            }
            plan.AddRange(best.Values);
        }

        // An absolute trigger is the same for every instance: once looked at, later instances add nothing.
        private bool AllFound(IReadOnlyList<Alarm> masterAlarms, Instant earliestPossible) =>
            masterAlarms.All(a => a.Trigger.Absolute is not null || (best.TryGetValue(a.Id, out var found) && found.DueAt < earliestPossible));

        private void Consider(Occurrence occurrence, Alarm alarm)
        {
            var identity = occurrence.IsOverride ? occurrence.RecurrenceId.ToValueString() + "/" + alarm.Id : alarm.Id;
            var silencedUntil = Max(alarm.Acknowledged, MozLastAck(occurrence.Component));
            var zone = InstanceZone(occurrence.Component);
            var first = alarm.Trigger.FirstFiring(occurrence.Start, occurrence.End, zone);
            foreach (var firing in alarm.Trigger.Firings(first))
            {
                if (firing <= after || (silencedUntil is { } s && firing <= s))
                {
                    continue;
                }
                if (best.TryGetValue(identity, out var known) && known.DueAt <= firing)
                {
                    return;
                }
                var key = uid + "|" + occurrence.RecurrenceId.ToValueString() + "|" + alarm.Id;
                best[identity] = Describe(key, firing, alarm.Component, occurrence.Component, occurrence.Start, occurrence.End, occurrence.RecurrenceId.IsDate);
                return;
            }
        }

        private void AddMozSnoozes(CalendarComponent component)
        {
            var lastAck = MozLastAck(component);
            var isMaster = component.GetProperty("RECURRENCE-ID") is null;
            foreach (var property in component.Properties)
            {
                if (!property.Name.StartsWith("X-MOZ-SNOOZE-TIME", StringComparison.Ordinal))
                {
                    continue;
                }
                var snoozeUntil = ReadUtc(property);
                if (snoozeUntil is not { } due || due <= after || (lastAck is { } ack && due <= ack))
                {
                    continue;
                }
                var alarm = Alarms(component).FirstOrDefault()?.Component;
                var start = ReadStart(component) ?? due;
                var recurrence = "-";
                var suffix = property.Name.Length > "X-MOZ-SNOOZE-TIME-".Length ? property.Name["X-MOZ-SNOOZE-TIME-".Length..] : null;
                if (isMaster && suffix is not null && long.TryParse(suffix, out var microseconds))
                {
                    // Thunderbird names the snoozed instance by its recurrence id as PRTime (µs since 1970).
                    start = Instant.FromUnixTimeTicks(microseconds * 10);
                    recurrence = start.ToString("uuuuMMdd'T'HHmmss'Z'", null);
                }
                else if (component.GetProperty("RECURRENCE-ID") is { } rid)
                {
                    recurrence = IcalDateTime.FromProperty(rid).ToValueString();
                }
                var key = uid + "|" + recurrence + "|moz-snooze";
                if (alarm is null || Action(alarm) is not null)
                {
                    var reminder = Describe(key, due, alarm, component, start, start, false);
                    if (reminder is not null)
                    {
                        best[key] = reminder;
                    }
                }
            }
        }

        private PlannedReminder Describe(string key, Instant due, CalendarComponent? alarm, CalendarComponent parent, Instant start, Instant end, bool allDay)
        {
            var action = alarm is null ? AlarmAction.Display : Action(alarm) ?? AlarmAction.Display;
            IReadOnlyList<string> recipients = [];
            var toOwner = action != AlarmAction.Email;
            if (action == AlarmAction.Email && alarm is not null)
            {
                // RFC 5545 section 3.6.6: an EMAIL alarm's "ATTENDEE property ... MUST be specified ...
                // the email address(es) the message is sent to".
                recipients = alarm.GetProperties("ATTENDEE")
                    .Select(a => a.RawValue.Trim())
                    .Select(v => v.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? v[7..] : v)
                    .Where(v => v.Contains('@', StringComparison.Ordinal))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                toOwner = recipients.Count == 0;
            }
            return new PlannedReminder(
                key, due, action, recipients, toOwner, start, end, allDay,
                Text(parent, "SUMMARY"), Text(parent, "LOCATION"), Text(parent, "DESCRIPTION"),
                alarm is null ? null : Text(alarm, "DESCRIPTION"));
        }

        private List<Alarm> Alarms(CalendarComponent parent)
        {
            var list = new List<Alarm>();
            var index = 0;
            foreach (var valarm in parent.GetComponents("VALARM"))
            {
                var id = valarm.GetProperty("UID")?.RawValue.Trim() is { Length: > 0 } alarmUid ? alarmUid : "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                index++;
                var action = Action(valarm);
                if (action is null || (action != AlarmAction.Email && !owner.EmailDisplayAlarms))
                {
                    continue;
                }
                if (AlarmTrigger.Of(valarm, owner.Zone) is { } trigger)
                {
                    var acknowledged = valarm.GetProperty("ACKNOWLEDGED") is { } ack ? ReadUtc(ack) : null;
                    list.Add(new Alarm(id, valarm, trigger, acknowledged));
                }
            }
            return list;
        }

        private bool HasMozSnooze(CalendarComponent component) =>
            component.Properties.Any(p => p.Name.StartsWith("X-MOZ-SNOOZE-TIME", StringComparison.Ordinal));

        private static AlarmAction? Action(CalendarComponent valarm) =>
            valarm.GetProperty("ACTION")?.RawValue.Trim().ToUpperInvariant() switch
            {
                "DISPLAY" => AlarmAction.Display,
                "AUDIO" => AlarmAction.Audio,
                "EMAIL" => AlarmAction.Email,
                _ => null,
            };

        private DateTimeZone InstanceZone(CalendarComponent component)
        {
            var dtstart = component.GetProperty("DTSTART") ?? component.GetProperty("DUE");
            if (dtstart is null)
            {
                return owner.Zone;
            }
            var value = IcalDateTime.FromProperty(dtstart);
            return value.Kind switch
            {
                IcalTimeKind.Utc => DateTimeZone.Utc,
                IcalTimeKind.Zoned when value.TzId is not null => zones.Find(value.TzId) ?? owner.Zone,
                _ => owner.Zone,
            };
        }

        private Instant? ReadStart(CalendarComponent component)
        {
            var dtstart = component.GetProperty("DTSTART") ?? component.GetProperty("DUE");
            if (dtstart is null)
            {
                return null;
            }
            var value = IcalDateTime.FromProperty(dtstart);
            return LocalTimeResolution.Resolve(value.Local, InstanceZone(component)).ToInstant();
        }

        private Instant? MozLastAck(CalendarComponent component) =>
            component.GetProperty("X-MOZ-LASTACK") is { } p ? ReadUtc(p) : null;

        private Instant? ReadUtc(CalendarProperty property)
        {
            if (!IcalDateTime.TryParse(property.RawValue.Trim(), property.GetParameterValue("TZID"), null, out var value))
            {
                return null;
            }
            var zone = value.Kind switch
            {
                IcalTimeKind.Utc => DateTimeZone.Utc,
                IcalTimeKind.Zoned when value.TzId is not null => zones.Find(value.TzId) ?? owner.Zone,
                _ => owner.Zone,
            };
            return LocalTimeResolution.Resolve(value.Local, zone).ToInstant();
        }

        private static string? Text(CalendarComponent component, string name) =>
            component.GetProperty(name) is { } p ? TextValue.Unescape(p.RawValue) : null;

        private static Instant? Max(Instant? a, Instant? b) => a is null ? b : b is null ? a : (a > b ? a : b);
    }

    private sealed record Alarm(string Id, CalendarComponent Component, AlarmTrigger Trigger, Instant? Acknowledged);
}
