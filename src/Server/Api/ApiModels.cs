namespace AuroraTime.Server.Api;

// The JSON shapes of the REST API (API.md). Records so the source generator builds their contracts;
// every input field is nullable so a missing field is a validation message, not a binding failure.

public sealed record ApiMe(string UserName, bool DisplayAlarmEmails, string CaldavUrl);

public sealed record ApiCalendar(
    string Id, string? DisplayName, string? Description, string? Color, IReadOnlyList<string> Components, string CaldavUrl, string SyncToken);

public sealed record ApiCalendarInput(string? Id, string? DisplayName, string? Description, string? Color, IReadOnlyList<string>? Components);

public sealed record ApiEvent(
    string? Uid,
    string? Title,
    string? Start,
    string? End,
    bool AllDay,
    string? TimeZone,
    string? Location,
    string? Description,
    string? Status,
    string? Recurrence,
    IReadOnlyList<ApiReminder>? Reminders,
    string? Etag,
    string? Href);

public sealed record ApiReminder(string? Id, string? Action, int? MinutesBefore, string? RelatedTo);

public sealed record ApiEventPage(IReadOnlyList<ApiEvent> Items, string? NextCursor);

public sealed record ApiUpcomingReminder(string CalendarId, string EventUid, string? Title, string InstanceStart, string FireAt, string Action);

public sealed record ApiAppPassword(string Id, string Name, string CreatedAt, string? LastUsedAt);

public sealed record ApiAppPasswordInput(string? Name);

public sealed record ApiNewAppPassword(string Id, string Name, string Password);

public sealed record ApiFeedLink(string Id, string? CalendarId, string Scope, string CreatedAt, string Url, string WebcalUrl, string GoogleUrl);

public sealed record ApiFeedLinkInput(string? CalendarId, string? Scope);
