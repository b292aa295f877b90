using System.Globalization;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;

namespace AuroraTime.Server.Api.Events;

/// <summary>
/// Which VALARMs the API shows as reminders, and how a reminder becomes a VALARM. Shown: ACTION
/// DISPLAY or EMAIL with a TRIGGER relative to the start or end (RFC 5545 section 3.8.6.3) at or
/// before it, in whole minutes. Everything else (absolute triggers, AUDIO, ACTION:NONE, triggers after
/// the start) stays in the event untouched and unseen.
/// </summary>
internal static class EventAlarms
{
    public static bool TryDescribe(CalendarComponent valarm, int index, out ApiReminder reminder)
    {
        reminder = null!;
        var action = valarm.GetProperty("ACTION")?.RawValue.Trim().ToUpperInvariant();
        if (action is not ("DISPLAY" or "EMAIL") || valarm.GetProperty("TRIGGER") is not { } trigger
            || string.Equals(trigger.GetParameterValue("VALUE"), "DATE-TIME", StringComparison.OrdinalIgnoreCase)
            || MinutesBefore(trigger) is not { } minutes)
        {
            return false;
        }
        var relatedToEnd = string.Equals(trigger.GetParameterValue("RELATED"), "END", StringComparison.OrdinalIgnoreCase);
        reminder = new ApiReminder(IdOf(valarm, index), action.ToLowerInvariant(), minutes, relatedToEnd ? "end" : "start");
        return true;
    }

    /// <summary>RFC 9074 section 7.1 UID of the alarm, Apple's X-WR-ALARMUID, else the position.</summary>
    public static string IdOf(CalendarComponent valarm, int index) =>
        valarm.GetProperty("UID")?.RawValue.Trim() is { Length: > 0 } uid ? uid
        : valarm.GetProperty("X-WR-ALARMUID")?.RawValue.Trim() is { Length: > 0 } apple ? apple
        : "alarm-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>An alarm as the reminder says, keeping every property of <paramref name="existing"/> the reminder does not describe.</summary>
    public static CalendarComponent Apply(ReminderDraft reminder, CalendarComponent? existing, string? title, string ownerAddress)
    {
        var relatedTo = reminder.RelatedToEnd ? "end" : "start";
        var shown = existing is not null && TryDescribe(existing, 0, out var described) ? described : null;
        if (existing is not null && shown is not null && shown.MinutesBefore == reminder.MinutesBefore && shown.RelatedTo == relatedTo
            && string.Equals(shown.Action, reminder.Action, StringComparison.OrdinalIgnoreCase))
        {
            return existing; // Unchanged: the client's alarm stays byte for byte.
        }
        var alarm = existing ?? new CalendarComponent("VALARM", [new CalendarProperty("UID", Guid.NewGuid().ToString())], []);
        if (shown is null || shown.MinutesBefore != reminder.MinutesBefore || shown.RelatedTo != relatedTo)
        {
            var trigger = new CalendarProperty("TRIGGER", Duration(reminder.MinutesBefore));
            alarm = alarm.WithProperty("TRIGGER", reminder.RelatedToEnd ? trigger.WithParameter("RELATED", "END") : trigger);
        }
        if (!string.Equals(alarm.GetProperty("ACTION")?.RawValue.Trim(), reminder.Action, StringComparison.OrdinalIgnoreCase))
        {
            alarm = alarm.WithProperty("ACTION", new CalendarProperty("ACTION", reminder.Action));
        }
        var text = TextValue.Escape(string.IsNullOrWhiteSpace(title) ? "Reminder" : title);
        // RFC 5545 section 3.6.6: DISPLAY needs DESCRIPTION; EMAIL needs DESCRIPTION, SUMMARY and an ATTENDEE
        // (the owner, so the reminder reaches the person who set it), and DISPLAY has no ATTENDEE or SUMMARY.
        if (alarm.GetProperty("DESCRIPTION") is null)
        {
            alarm = alarm.WithProperty("DESCRIPTION", new CalendarProperty("DESCRIPTION", text));
        }
        if (reminder.Action == "EMAIL")
        {
            if (alarm.GetProperty("SUMMARY") is null)
            {
                alarm = alarm.WithProperty("SUMMARY", new CalendarProperty("SUMMARY", text));
            }
            if (alarm.GetProperty("ATTENDEE") is null)
            {
                alarm = alarm.WithProperty("ATTENDEE", new CalendarProperty("ATTENDEE", "mailto:" + ownerAddress));
            }
        }
        else
        {
            alarm = alarm.WithProperty("ATTENDEE", null).WithProperty("SUMMARY", null);
        }
        return alarm;
    }

    private static int? MinutesBefore(CalendarProperty trigger)
    {
        if (!IcalDuration.TryParse(trigger.RawValue.Trim(), out var duration) || duration.Seconds != 0 || (!duration.IsNegative && !duration.IsZero))
        {
            return null;
        }
        var minutes = ((((long)duration.Weeks * 7) + duration.Days) * 24 * 60) + ((long)duration.Hours * 60) + duration.Minutes;
        return minutes <= int.MaxValue ? (int)minutes : null;
    }

    private static string Duration(int minutesBefore) =>
        minutesBefore == 0 ? "PT0S" : "-PT" + minutesBefore.ToString(CultureInfo.InvariantCulture) + "M";
}
