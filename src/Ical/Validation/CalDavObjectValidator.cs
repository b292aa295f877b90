using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Validation;

/// <summary>
/// Decides whether a parsed iCalendar object may be stored as one CalDAV calendar object
/// resource (RFC 4791 section 4.1) and which precondition of RFC 4791 section 5.3.2.1 it breaks
/// when not. Checks run from the outside in, so the first failure reported is the most basic one.
/// Never throws for bad content: every problem becomes a result.
/// </summary>
public static class CalDavObjectValidator
{
    private static readonly string[] ScheduledComponents = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"];

    /// <summary>Validates with <see cref="CalDavValidationOptions.Strict"/>.</summary>
    public static CalDavValidationResult Validate(CalendarComponent vcalendar) =>
        Validate(vcalendar, CalDavValidationOptions.Strict);

    /// <summary>Validates the top-level components of a stream: there must be exactly one VCALENDAR.</summary>
    public static CalDavValidationResult Validate(IReadOnlyList<CalendarComponent> topLevel, CalDavValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(topLevel);
        if (topLevel.Count != 1)
        {
            // RFC 4791 section 4.1: a calendar object resource is one iCalendar object.
            var line = topLevel.Count > 1 ? topLevel[1].Line : 0;
            return CalDavValidationResult.Invalid(CalDavPrecondition.ValidCalendarData,
                $"expected exactly one VCALENDAR, found {topLevel.Count} top-level components (RFC 4791 section 4.1)", line);
        }
        return Validate(topLevel[0], options);
    }

    public static CalDavValidationResult Validate(CalendarComponent vcalendar, CalDavValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(vcalendar);
        ArgumentNullException.ThrowIfNull(options);
        return CheckCalendarProperties(vcalendar, options)
            ?? CheckObjectResource(vcalendar, options, out var members)
            ?? CheckMembers(vcalendar, members, options)
            ?? CalDavValidationResult.Valid(
                members[0].GetProperty("UID")!.RawValue,
                members[0].Name.ToUpperInvariant(),
                members.Any(IsRecurring));
    }

    private static CalDavValidationResult? CheckCalendarProperties(CalendarComponent vcalendar, CalDavValidationOptions options)
    {
        if (!string.Equals(vcalendar.Name, "VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            return DataError($"top-level component is {vcalendar.Name}, expected VCALENDAR (RFC 5545 section 3.4)", vcalendar.Line);
        }
        var cardinality = CheckCardinality(vcalendar);
        if (cardinality is not null)
        {
            return cardinality;
        }
        var version = vcalendar.GetProperty("VERSION");
        if (version is null)
        {
            if (options.RequireVersion)
            {
                return DataError("VCALENDAR has no VERSION property (RFC 5545 section 3.7.4)", vcalendar.Line);
            }
        }
        else if (version.RawValue.Trim() != "2.0")
        {
            return DataError($"VERSION is '{version.RawValue}', only 2.0 is supported (RFC 5545 section 3.7.4)", version.Line);
        }
        if (vcalendar.GetProperty("PRODID") is null)
        {
            return DataError("VCALENDAR has no PRODID property (RFC 5545 section 3.7.3)", vcalendar.Line);
        }
        var method = vcalendar.GetProperty("METHOD");
        if (method is not null)
        {
            return ObjectError("calendar object resources MUST NOT specify the METHOD property (RFC 4791 section 4.1)", method.Line);
        }
        return null;
    }

    private static CalDavValidationResult? CheckObjectResource(
        CalendarComponent vcalendar, CalDavValidationOptions options, out List<CalendarComponent> members)
    {
        // Everything but VTIMEZONE and X- components is the object's content (RFC 4791 section 4.1).
        members = vcalendar.Components
            .Where(c => !string.Equals(c.Name, "VTIMEZONE", StringComparison.OrdinalIgnoreCase)
                && !c.Name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (members.Count == 0)
        {
            return ObjectError("VCALENDAR contains no VEVENT, VTODO, VJOURNAL or VFREEBUSY (RFC 4791 section 4.1)", vcalendar.Line);
        }
        var first = members[0];
        foreach (var member in members)
        {
            if (!ScheduledComponents.Contains(member.Name, StringComparer.OrdinalIgnoreCase)
                || !options.SupportedComponents.Contains(member.Name))
            {
                return CalDavValidationResult.Invalid(CalDavPrecondition.SupportedCalendarComponent,
                    $"component {member.Name} is not supported by this calendar collection (RFC 4791 section 5.3.2.1)", member.Line);
            }
            if (!string.Equals(member.Name, first.Name, StringComparison.OrdinalIgnoreCase))
            {
                return ObjectError($"{member.Name} mixed with {first.Name}: a calendar object resource holds one component type (RFC 4791 section 4.1)", member.Line);
            }
        }
        foreach (var member in members)
        {
            var uid = member.GetProperty("UID");
            if (uid is null || uid.RawValue.Length == 0)
            {
                return DataError($"{member.Name} has no UID (RFC 5545 section 3.8.4.7)", member.Line);
            }
        }
        var firstUid = first.GetProperty("UID")!.RawValue;
        foreach (var member in members)
        {
            var uid = member.GetProperty("UID")!;
            if (!string.Equals(uid.RawValue, firstUid, StringComparison.Ordinal))
            {
                return ObjectError($"UID '{uid.RawValue}' differs from '{firstUid}': all components MUST have the same UID (RFC 4791 section 4.1)", uid.Line);
            }
        }
        return CheckInstances(members);
    }

    /// <summary>At most one master and each RECURRENCE-ID once (RFC 5545 section 3.8.4.4, RFC 4791 section 4.1).</summary>
    private static CalDavValidationResult? CheckInstances(List<CalendarComponent> members)
    {
        CalendarComponent? master = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var recurrenceId = member.GetProperty("RECURRENCE-ID");
            if (recurrenceId is null)
            {
                if (master is not null)
                {
                    return ObjectError($"second {member.Name} without RECURRENCE-ID: only one master component is allowed (RFC 4791 section 4.1)", member.Line);
                }
                master = member;
                continue;
            }
            if (!seen.Add(InstanceKey(recurrenceId)))
            {
                return ObjectError($"RECURRENCE-ID {recurrenceId.RawValue} occurs twice (RFC 5545 section 3.8.4.4)", recurrenceId.Line);
            }
        }
        return null;
    }

    // Textual identity: the same instance written once with TZID and once in UTC is not caught
    // here; that needs zone resolution and is left to the expander, which lets the later one win.
    private static string InstanceKey(CalendarProperty recurrenceId) =>
        $"{recurrenceId.GetParameterValue("TZID")}|{recurrenceId.RawValue.Trim().ToUpperInvariant()}";

    private static CalDavValidationResult? CheckMembers(CalendarComponent vcalendar, List<CalendarComponent> members, CalDavValidationOptions options)
    {
        var definedZones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vtimezone in vcalendar.GetComponents("VTIMEZONE"))
        {
            var tzid = vtimezone.GetProperty("TZID");
            if (tzid is null)
            {
                return DataError("VTIMEZONE has no TZID (RFC 5545 section 3.6.5)", vtimezone.Line);
            }
            definedZones.Add(tzid.RawValue);
        }
        foreach (var member in members)
        {
            var problem = CheckCardinality(member)
                ?? CheckRequired(member, options)
                ?? CheckTimeProperties(member)
                ?? CheckAlarms(member)
                ?? CheckTimeZones(member, definedZones, options);
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static CalDavValidationResult? CheckCardinality(CalendarComponent component)
    {
        var counted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in component.Properties)
        {
            if (PropertyCardinality.IsAtMostOnce(component.Name, property.Name) && !counted.Add(property.Name))
            {
                return DataError($"{property.Name} occurs more than once in {component.Name} (RFC 5545 section 3.6)", property.Line);
            }
        }
        return null;
    }

    private static CalDavValidationResult? CheckRequired(CalendarComponent member, CalDavValidationOptions options)
    {
        if (options.RequireDtStamp && member.GetProperty("DTSTAMP") is null)
        {
            return DataError($"{member.Name} has no DTSTAMP (RFC 5545 section 3.8.7.2)", member.Line);
        }
        // RFC 5545 section 3.6.1: DTSTART is REQUIRED when the calendar has no METHOD, which
        // RFC 4791 section 4.1 forbids, so every stored VEVENT needs one.
        if (IsNamed(member, "VEVENT") && member.GetProperty("DTSTART") is null)
        {
            return DataError("VEVENT has no DTSTART, which is required without METHOD (RFC 5545 section 3.6.1)", member.Line);
        }
        return null;
    }

    private static CalDavValidationResult? CheckTimeProperties(CalendarComponent member)
    {
        var duration = member.GetProperty("DURATION");
        if (IsNamed(member, "VEVENT") && duration is not null && member.GetProperty("DTEND") is not null)
        {
            // The Thunderbird DURATION:PT0S + DTEND form is repaired by the lenient reader before this point.
            return DataError("VEVENT has both DTEND and DURATION (RFC 5545 section 3.6.1)", duration.Line);
        }
        if (IsNamed(member, "VTODO") && duration is not null)
        {
            if (member.GetProperty("DUE") is not null)
            {
                return DataError("VTODO has both DUE and DURATION (RFC 5545 section 3.6.2)", duration.Line);
            }
            if (member.GetProperty("DTSTART") is null)
            {
                return DataError("VTODO has DURATION without DTSTART (RFC 5545 section 3.6.2)", duration.Line);
            }
        }
        return null;
    }

    /// <summary>RFC 5545 section 3.6.6: ACTION and TRIGGER are required; DURATION and REPEAT come together.</summary>
    private static CalDavValidationResult? CheckAlarms(CalendarComponent member)
    {
        foreach (var alarm in member.GetComponents("VALARM"))
        {
            var problem = CheckCardinality(alarm);
            if (problem is not null)
            {
                return problem;
            }
            if (alarm.GetProperty("ACTION") is null)
            {
                return DataError("VALARM has no ACTION (RFC 5545 section 3.6.6)", alarm.Line);
            }
            if (alarm.GetProperty("TRIGGER") is null)
            {
                return DataError("VALARM has no TRIGGER (RFC 5545 section 3.6.6)", alarm.Line);
            }
            var hasDuration = alarm.GetProperty("DURATION") is not null;
            var hasRepeat = alarm.GetProperty("REPEAT") is not null;
            if (hasDuration != hasRepeat)
            {
                return DataError("VALARM has only one of DURATION and REPEAT; they MUST occur together (RFC 5545 section 3.6.6)", alarm.Line);
            }
        }
        return null;
    }

    /// <summary>RFC 5545 section 3.2.19: each TZID used needs a VTIMEZONE, unless the zone is known to the server.</summary>
    private static CalDavValidationResult? CheckTimeZones(CalendarComponent component, HashSet<string> definedZones, CalDavValidationOptions options)
    {
        foreach (var property in component.Properties)
        {
            var tzid = property.GetParameterValue("TZID");
            if (tzid is not null && !definedZones.Contains(tzid) && !options.IsKnownTimeZone(tzid))
            {
                return DataError($"TZID '{tzid}' on {property.Name} has no VTIMEZONE and is not a known time zone (RFC 5545 section 3.2.19)", property.Line);
            }
        }
        foreach (var child in component.Components)
        {
            var problem = CheckTimeZones(child, definedZones, options);
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static bool IsRecurring(CalendarComponent member) =>
        member.GetProperty("RRULE") is not null
        || member.GetProperty("RDATE") is not null
        || member.GetProperty("RECURRENCE-ID") is not null;

    private static bool IsNamed(CalendarComponent component, string name) =>
        string.Equals(component.Name, name, StringComparison.OrdinalIgnoreCase);

    private static CalDavValidationResult DataError(string reason, int line) =>
        CalDavValidationResult.Invalid(CalDavPrecondition.ValidCalendarData, reason, line);

    private static CalDavValidationResult ObjectError(string reason, int line) =>
        CalDavValidationResult.Invalid(CalDavPrecondition.ValidCalendarObjectResource, reason, line);
}
