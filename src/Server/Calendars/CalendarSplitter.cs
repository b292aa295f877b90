using System.Collections.Immutable;
using AuroraTime.Ical.Model;

namespace AuroraTime.Server.Calendars;

/// <summary>
/// Splits an iCalendar file (one or more VCALENDARs, e.g. an export from another service) into
/// calendar object resources as RFC 4791 section 4.1 wants them: one UID per resource (a recurring
/// series and its overrides stay together), one component type, no METHOD, and the VTIMEZONEs that
/// its TZID parameters refer to carried along.
/// </summary>
public static class CalendarSplitter
{
    /// <summary>Calendar properties copied to every object; the rest describe the file, not the event.</summary>
    private static readonly string[] KeptCalendarProperties = ["VERSION", "PRODID", "CALSCALE"];

    public static SplitResult Split(IReadOnlyList<CalendarComponent> topLevel)
    {
        var objects = new List<SplitObject>();
        var errors = new List<SplitError>();
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var calendar in topLevel)
        {
            if (calendar.Name != "VCALENDAR")
            {
                errors.Add(new SplitError(calendar.Line, $"{calendar.Name} outside a VCALENDAR is ignored"));
                continue;
            }
            var zones = new Dictionary<string, CalendarComponent>(StringComparer.Ordinal);
            foreach (var zone in calendar.GetComponents("VTIMEZONE"))
            {
                if (zone.GetProperty("TZID")?.RawValue is { Length: > 0 } tzid)
                {
                    zones.TryAdd(tzid, zone);
                }
            }
            foreach (var component in calendar.Components)
            {
                if (component.Name == "VTIMEZONE")
                {
                    continue;
                }
                var uid = component.GetProperty("UID")?.RawValue;
                if (string.IsNullOrWhiteSpace(uid))
                {
                    errors.Add(new SplitError(component.Line, $"{component.Name} has no UID (RFC 5545 section 3.8.4.7)"));
                    continue;
                }
                if (!groups.TryGetValue(uid, out var group))
                {
                    group = new Group(uid, component.Name, component.Line, calendar, zones);
                    groups.Add(uid, group);
                }
                else if (group.ComponentType != component.Name)
                {
                    errors.Add(new SplitError(component.Line, $"UID {uid} is used by a {group.ComponentType} and a {component.Name} (RFC 4791 section 4.1)"));
                    continue;
                }
                group.Components.Add(component);
            }
        }
        foreach (var group in groups.Values)
        {
            objects.Add(group.ToObject());
        }
        return new SplitResult(objects, errors);
    }

    /// <summary>Every TZID parameter value used by the components, alarms included.</summary>
    internal static IEnumerable<string> ReferencedTimeZones(IEnumerable<CalendarComponent> components)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<CalendarComponent>(components);
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            foreach (var property in component.Properties)
            {
                if (property.GetParameterValue("TZID") is { Length: > 0 } tzid && seen.Add(tzid))
                {
                    yield return tzid;
                }
            }
            foreach (var child in component.Components)
            {
                pending.Push(child);
            }
        }
    }

    private sealed class Group(string uid, string componentType, int line, CalendarComponent calendar, Dictionary<string, CalendarComponent> zones)
    {
        public string ComponentType => componentType;

        public List<CalendarComponent> Components { get; } = [];

        public SplitObject ToObject()
        {
            var properties = calendar.Properties.Where(p => KeptCalendarProperties.Contains(p.Name)).ToList();
            if (!properties.Any(p => p.Name == "VERSION"))
            {
                properties.Insert(0, new CalendarProperty("VERSION", "2.0"));
            }
            if (!properties.Any(p => p.Name == "PRODID"))
            {
                properties.Insert(1, new CalendarProperty("PRODID", "-//AuroraTime//aurora import//EN"));
            }
            var children = ImmutableArray.CreateBuilder<CalendarComponent>();
            var missingZones = new List<string>();
            foreach (var tzid in ReferencedTimeZones(Components))
            {
                if (zones.TryGetValue(tzid, out var zone))
                {
                    children.Add(zone);
                }
                else
                {
                    missingZones.Add(tzid);
                }
            }
            children.AddRange(Components);
            var vcalendar = new CalendarComponent("VCALENDAR", [.. properties], children.ToImmutable(), line);
            return new SplitObject(uid, componentType, line, vcalendar, missingZones);
        }
    }
}

/// <param name="Line">Line of the first component of the object in the source file.</param>
/// <param name="MissingTimeZones">TZIDs used without a VTIMEZONE in the file (resolved by name later, or floating).</param>
public sealed record SplitObject(string Uid, string ComponentType, int Line, CalendarComponent Calendar, IReadOnlyList<string> MissingTimeZones);

public sealed record SplitError(int Line, string Message);

public sealed record SplitResult(IReadOnlyList<SplitObject> Objects, IReadOnlyList<SplitError> Errors);
