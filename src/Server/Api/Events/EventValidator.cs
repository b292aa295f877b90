using System.Globalization;
using AuroraTime.Ical.Recurrence;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;

namespace AuroraTime.Server.Api.Events;

/// <summary>
/// Checks an API event field by field and turns it into an <see cref="EventDraft"/>. Every problem is
/// reported against its field, so a form can show each message next to its input.
/// </summary>
internal static class EventValidator
{
    public const int MaxTextLength = 64 * 1024;

    /// <summary>A year of minutes is the furthest a reminder may be set before its event.</summary>
    public const int MaxMinutesBefore = 366 * 24 * 60;

    public static EventDraft? Validate(ApiEvent input, string uid, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var found = errors;
        void Add(string field, string message) => found[field] = found.TryGetValue(field, out var list) ? [.. list, message] : [message];

        var tzid = input.TimeZone?.Trim();
        if (tzid is { Length: 0 })
        {
            tzid = null;
        }
        if (tzid is not null && tzid != EventTimes.Utc && TimeZoneResolver.Default.Find(tzid) is null)
        {
            Add("timeZone", $"'{tzid}' is not a known time zone; use an IANA name such as Europe/Berlin.");
        }
        IcalDateTime start = default;
        if (string.IsNullOrWhiteSpace(input.Start))
        {
            Add("start", "start is required.");
        }
        else if (!EventTimes.TryParse(input.Start.Trim(), input.AllDay, tzid, out start, out var startError))
        {
            Add("start", startError!);
        }
        IcalDateTime? end = null;
        if (!string.IsNullOrWhiteSpace(input.End))
        {
            if (EventTimes.TryParse(input.End.Trim(), input.AllDay, tzid, out var parsedEnd, out var endError))
            {
                end = parsedEnd;
            }
            else
            {
                Add("end", endError!);
            }
        }
        if (!found.ContainsKey("start") && !found.ContainsKey("timeZone") && end is { } e
            && EventTimes.Instant(e, TimeZoneResolver.Default) <= EventTimes.Instant(start, TimeZoneResolver.Default))
        {
            // RFC 5545 section 3.8.2.2: DTEND "MUST be later in time than the value of the DTSTART property".
            Add("end", "end must be after start.");
        }
        var status = input.Status?.Trim().ToUpperInvariant();
        if (status is { Length: 0 })
        {
            status = null;
        }
        if (status is not (null or "CONFIRMED" or "TENTATIVE" or "CANCELLED"))
        {
            Add("status", "status is one of confirmed, tentative, cancelled, or null.");
        }
        var recurrence = input.Recurrence?.Trim();
        if (recurrence is { Length: 0 })
        {
            recurrence = null;
        }
        if (recurrence is not null)
        {
            if (recurrence.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
            {
                recurrence = recurrence[6..];
            }
            // The parser's own message, which names the offending part (RFC 5545 section 3.3.10).
            if (!RecurrenceRule.TryParse(recurrence, out _, out var ruleError))
            {
                Add("recurrence", ruleError ?? "not a valid RRULE (RFC 5545 section 3.3.10).");
            }
        }
        CheckLength(input.Title, "title", Add);
        CheckLength(input.Location, "location", Add);
        CheckLength(input.Description, "description", Add);
        var reminders = Reminders(input.Reminders ?? [], Add);
        if (found.Count > 0)
        {
            return null;
        }
        // Empty text stays empty rather than null: a client's empty DESCRIPTION is kept, not removed.
        return new EventDraft(uid, input.Title, start, end, input.Location, input.Description, status, recurrence, reminders);
    }

    private static List<ReminderDraft> Reminders(IReadOnlyList<ApiReminder> reminders, Action<string, string> add)
    {
        var drafts = new List<ReminderDraft>();
        for (var i = 0; i < reminders.Count; i++)
        {
            var field = "reminders[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (reminders[i] is not { } reminder)
            {
                add(field, "a reminder is an object.");
                continue;
            }
            var action = reminder.Action?.Trim().ToUpperInvariant();
            if (action is not ("EMAIL" or "DISPLAY"))
            {
                add(field + ".action", "action is email or display.");
            }
            if (reminder.MinutesBefore is not { } minutes || minutes < 0 || minutes > MaxMinutesBefore)
            {
                add(field + ".minutesBefore", $"minutesBefore is a whole number from 0 to {MaxMinutesBefore}.");
            }
            var related = reminder.RelatedTo?.Trim().ToLowerInvariant() ?? "start";
            if (related is not ("start" or "end"))
            {
                add(field + ".relatedTo", "relatedTo is start or end.");
            }
            if (action is "EMAIL" or "DISPLAY" && reminder.MinutesBefore is { } valid)
            {
                drafts.Add(new ReminderDraft(Empty(reminder.Id), action, valid, related == "end"));
            }
        }
        return drafts;
    }

    private static void CheckLength(string? text, string field, Action<string, string> add)
    {
        if (text is { Length: > MaxTextLength })
        {
            add(field, $"{field} is longer than {MaxTextLength} characters.");
        }
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
