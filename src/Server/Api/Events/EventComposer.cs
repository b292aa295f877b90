using System.Collections.Immutable;
using System.Globalization;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Server.Api.Events;

/// <summary>
/// API JSON to iCalendar: writes an <see cref="EventDraft"/> into the stored object (or a new one),
/// changing only what the JSON shows. Everything else stays: the object's other components (overrides
/// with RECURRENCE-ID, VTIMEZONEs, VTODOs), the master's other properties (ATTENDEE, EXDATE, X-...),
/// alarms the JSON does not show, and a property's original spelling when its value did not change
/// (a TZID such as "W. Europe Standard Time", a DURATION-free DTEND, escaped text).
/// </summary>
internal static class EventComposer
{
    private const string ProductId = "-//AuroraTime//REST API//EN";

    public static CalendarComponent Compose(EventDraft draft, CalendarComponent? existing, Instant now, string ownerAddress)
    {
        var vcalendar = existing ?? new CalendarComponent(
            "VCALENDAR",
            [new CalendarProperty("VERSION", "2.0"), new CalendarProperty("PRODID", ProductId)],
            [new CalendarComponent("VEVENT", [new CalendarProperty("UID", draft.Uid)], [])]);
        var zones = TimeZoneResolver.Default.WithCalendar(vcalendar);
        var master = EventReader.Master(vcalendar)!;
        var updated = master
            .WithProperty("DTSTAMP", new CalendarProperty("DTSTAMP", Utc(now)))
            .WithProperty("DTSTART", DateProperty("DTSTART", draft.Start, master.GetProperty("DTSTART"), zones))
            .WithProperty("DURATION", null)
            .WithProperty("DTEND", draft.End is { } end ? DateProperty("DTEND", end, master.GetProperty("DTEND"), zones) : null)
            .WithProperty("SUMMARY", TextProperty("SUMMARY", draft.Title, master.GetProperty("SUMMARY")))
            .WithProperty("LOCATION", TextProperty("LOCATION", draft.Location, master.GetProperty("LOCATION")))
            .WithProperty("DESCRIPTION", TextProperty("DESCRIPTION", draft.Description, master.GetProperty("DESCRIPTION")))
            .WithProperty("STATUS", Kept(master.GetProperty("STATUS"), draft.Status) ?? (draft.Status is { } s ? new CalendarProperty("STATUS", s) : null))
            .WithProperty("RRULE", Kept(master.GetProperty("RRULE"), draft.Recurrence) ?? (draft.Recurrence is { } r ? new CalendarProperty("RRULE", r) : null));
        if (master.GetProperty("DESCRIPTION")?.ToString() != updated.GetProperty("DESCRIPTION")?.ToString())
        {
            // Outlook's X-ALT-DESC is an HTML copy of DESCRIPTION that Outlook shows in its place, so a
            // stale one would hide the new text. Dropped rather than rewritten: the JSON only carries
            // plain text, and an HTML version of it would lose the formatting Outlook had anyway.
            updated = updated.WithProperty("X-ALT-DESC", null);
        }
        if (existing is null)
        {
            updated = updated.WithProperty("CREATED", new CalendarProperty("CREATED", Utc(now)));
        }
        updated = updated.WithProperty("LAST-MODIFIED", new CalendarProperty("LAST-MODIFIED", Utc(now)));
        if (existing is not null && SignificantlyChanged(master, updated))
        {
            // RFC 5545 section 3.8.7.4: SEQUENCE is incremented when DTSTART, DTEND, DURATION, RRULE,
            // RDATE, EXDATE or STATUS change (RFC 5546 section 2.1.4 calls these significant).
            var sequence = int.TryParse(master.GetProperty("SEQUENCE")?.RawValue.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var old) ? old : 0;
            updated = updated.WithProperty("SEQUENCE", new CalendarProperty("SEQUENCE", (sequence + 1).ToString(CultureInfo.InvariantCulture)));
        }
        updated = updated.WithComponents(Alarms(master, draft, ownerAddress));

        var components = vcalendar.Components.Select(c => ReferenceEquals(c, master) ? updated : c).ToList();
        var written = new[] { updated.GetProperty("DTSTART"), updated.GetProperty("DTEND") }.Select(p => p?.GetParameterValue("TZID")?.Trim());
        foreach (var tzid in written.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!components.Any(c => c.Name == "VTIMEZONE" && string.Equals(c.GetProperty("TZID")?.RawValue.Trim(), tzid, StringComparison.OrdinalIgnoreCase))
                && TimeZoneResolver.Default.Find(tzid) is { } zone)
            {
                // RFC 5545 section 3.2.19: every TZID used needs its VTIMEZONE in the object.
                var from = EventTimes.Instant(draft.Start, zones).InUtc().Year;
                var vtimezone = VTimeZoneBuilder.Build(zone, Instant.FromUtc(from, 1, 1, 0, 0), Instant.FromUtc(from + 2, 1, 1, 0, 0))
                    .WithProperty("TZID", new CalendarProperty("TZID", tzid));
                components.Insert(components.FindIndex(c => c.Name == "VEVENT"), vtimezone);
            }
        }
        return vcalendar.WithComponents([.. components]);
    }

    /// <summary>
    /// The alarms of the updated master: shown alarms become the JSON's reminders (matched by id, so
    /// their other properties stay), unshown alarms and other sub-components are kept as they are.
    /// </summary>
    private static ImmutableArray<CalendarComponent> Alarms(CalendarComponent master, EventDraft draft, string ownerAddress)
    {
        var byId = draft.Reminders.Where(r => r.Id is not null).GroupBy(r => r.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var used = new HashSet<ReminderDraft>(ReferenceEqualityComparer.Instance);
        var result = ImmutableArray.CreateBuilder<CalendarComponent>();
        var index = 0;
        foreach (var component in master.Components)
        {
            if (component.Name != "VALARM" || !EventAlarms.TryDescribe(component, index, out var shown))
            {
                result.Add(component);
            }
            else if (byId.TryGetValue(shown.Id!, out var reminder) && used.Add(reminder))
            {
                result.Add(EventAlarms.Apply(reminder, component, draft.Title, ownerAddress));
            }
            index += component.Name == "VALARM" ? 1 : 0;
        }
        foreach (var reminder in draft.Reminders.Where(r => !used.Contains(r)))
        {
            result.Add(EventAlarms.Apply(reminder, null, draft.Title, ownerAddress));
        }
        return result.ToImmutable();
    }

    private static bool SignificantlyChanged(CalendarComponent before, CalendarComponent after) =>
        new[] { "DTSTART", "DTEND", "DURATION", "RRULE", "STATUS" }.Any(name => before.GetProperty(name)?.ToString() != after.GetProperty(name)?.ToString());

    /// <summary>The existing property when it already says <paramref name="value"/> (so its spelling stays).</summary>
    private static CalendarProperty? Kept(CalendarProperty? existing, string? value) =>
        existing is not null && value is not null && string.Equals(existing.RawValue.Trim(), value, StringComparison.OrdinalIgnoreCase) ? existing : null;

    private static CalendarProperty? TextProperty(string name, string? value, CalendarProperty? existing)
    {
        if (value is null || (value.Length == 0 && existing is null))
        {
            return null;
        }
        if (existing is not null && TextValue.Unescape(existing.RawValue) == value)
        {
            return existing;
        }
        // ALTREP points at another rendering of the old text, so it no longer applies.
        var property = new CalendarProperty(name, existing?.Parameters ?? [], TextValue.Escape(value));
        return property.WithParameter("ALTREP", null);
    }

    private static CalendarProperty DateProperty(string name, IcalDateTime value, CalendarProperty? existing, TimeZoneResolver zones)
    {
        if (existing is not null && Same(existing, value, zones))
        {
            return existing;
        }
        var property = new CalendarProperty(name, value.ToValueString());
        if (value.IsDate)
        {
            property = property.WithParameter("VALUE", "DATE");
        }
        if (value.TzId is not { } tzid)
        {
            return property;
        }
        // Same zone under the client's spelling ("W. Europe Standard Time" for Europe/Berlin): keep the
        // spelling, so the object's own VTIMEZONE still defines it and the client sees its own name.
        var kept = existing?.GetParameterValue("TZID") is { } old && zones.Find(old) is { } oldZone && oldZone.Id == zones.Find(tzid)?.Id ? old : tzid;
        return property.WithParameter("TZID", kept);
    }

    private static bool Same(CalendarProperty existing, IcalDateTime value, TimeZoneResolver zones)
    {
        try
        {
            var old = IcalDateTime.FromProperty(existing);
            return old.IsDate == value.IsDate && old.Kind == value.Kind && old.Local == value.Local
                && (old.Kind != IcalTimeKind.Zoned || (old.TzId is { } a && value.TzId is { } b && zones.Find(a)?.Id == zones.Find(b)?.Id));
        }
        catch (IcalFormatException)
        {
            return false;
        }
    }

    private static string Utc(Instant instant) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss").Format(instant.InUtc().LocalDateTime) + "Z";
}
