using AuroraTime.Ical.Values;

namespace AuroraTime.Server.Api.Events;

/// <summary>A validated API event, ready to be written into an iCalendar object.</summary>
/// <param name="Status">Upper-case STATUS value, or null.</param>
/// <param name="Recurrence">RRULE value text, or null for a single event.</param>
internal sealed record EventDraft(
    string Uid,
    string? Title,
    IcalDateTime Start,
    IcalDateTime? End,
    string? Location,
    string? Description,
    string? Status,
    string? Recurrence,
    IReadOnlyList<ReminderDraft> Reminders);

/// <param name="Id">The id of a shown reminder to update in place, or null for a new one.</param>
/// <param name="Action">"DISPLAY" or "EMAIL".</param>
internal sealed record ReminderDraft(string? Id, string Action, int MinutesBefore, bool RelatedToEnd);
