namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// Field-level validation of events. The cases share one server: none of them may store anything,
/// which each case checks, so they cannot disturb each other.
/// </summary>
public sealed class EventValidationTests(WorkCalendarApiHostFixture hostFixture) : IClassFixture<WorkCalendarApiHostFixture>
{
    private const string Events = "/api/calendars/work/events";
    private readonly ApiServer _server = hostFixture.Host;

    [Theory]
    [InlineData("""{"start":"2026-12-01T09:00:00","timeZone":"Mars/Olympus"}""", "timeZone", "not a known time zone")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","end":"2026-12-01T08:00:00Z"}""", "end", "end must be after start")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","recurrence":"FREQ=SOMETIMES"}""", "recurrence", "FREQ")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","recurrence":"FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z"}""", "recurrence", "COUNT")]
    [InlineData("""{"title":"No start"}""", "start", "required")]
    [InlineData("""{"start":"1 December","allDay":false}""", "start", "2026-11-22T09:00:00")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","allDay":true}""", "start", "allDay")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","status":"maybe"}""", "status", "tentative")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","reminders":[{"action":"sms","minutesBefore":-5}]}""", "reminders[0].action", "email")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","reminders":[{"action":"email","minutesBefore":-5}]}""", "reminders[0].minutesBefore", "whole number")]
    [InlineData("""{"start":"2026-12-01T09:00:00Z","allDay":"yes"}""", "allDay", "wrong type")]
    public async Task Invalid_events_are_400_with_a_message_per_field_and_nothing_is_stored(string body, string field, string expected)
    {
        var response = await _server.PostAsync(Events, body);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(expected, response.FieldErrors(field), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await _server.GetAsync(Events)).Json!["items"]!.AsArray());
    }
}
