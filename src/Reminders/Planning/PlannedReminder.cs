using NodaTime;

namespace AuroraTime.Reminders.Planning;

/// <summary>What a VALARM asks for (RFC 5545 section 3.8.6.1 ACTION).</summary>
public enum AlarmAction
{
    Display,
    Audio,
    Email,
}

/// <summary>
/// One firing the planner chose: the next pending trigger of one alarm. <see cref="AlarmKey"/> names
/// the alarm instance within the object (UID, recurrence id, alarm id) and is what the store keeps
/// next to <see cref="DueAt"/>; the rest is re-derived from the object at send time.
/// </summary>
/// <param name="Recipients">Email addresses for ACTION:EMAIL (its ATTENDEEs); empty when
/// <paramref name="ToOwner"/> is set.</param>
/// <param name="ToOwner">DISPLAY/AUDIO alarm mailed to the calendar owner (the owner's setting allows it).</param>
/// <param name="InstanceStart">Start of the event/to-do instance the alarm is about.</param>
/// <param name="InstanceZone">Zone the instance was written in (null for UTC), for showing local time.</param>
public sealed record PlannedReminder(
    string AlarmKey,
    Instant DueAt,
    AlarmAction Action,
    IReadOnlyList<string> Recipients,
    bool ToOwner,
    Instant InstanceStart,
    Instant InstanceEnd,
    bool IsAllDay,
    string? Summary,
    string? Location,
    string? Description,
    string? AlarmDescription);

/// <summary>
/// Whose object is being planned: the owner's settings decide the floating-time zone and whether
/// DISPLAY/AUDIO alarms become emails.
/// </summary>
/// <param name="ServerZone">Zone for floating times when the account has none.</param>
public sealed record PlanningOwner(string UserName, string? TimeZoneId, bool EmailDisplayAlarms, DateTimeZone ServerZone)
{
    /// <summary>The zone floating times and DATE values are read in (RFC 5545 section 3.3.5 form 1).</summary>
    public DateTimeZone Zone =>
        TimeZoneId is { Length: > 0 } id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : ServerZone;
}
