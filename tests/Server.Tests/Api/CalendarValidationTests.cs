namespace AuroraTime.Server.Tests.Api;

/// <summary>Field-level validation of calendars, on one shared server: no case may create anything.</summary>
public sealed class CalendarValidationTests(WorkCalendarApiHostFixture hostFixture) : IClassFixture<WorkCalendarApiHostFixture>
{
    private readonly ApiServer _server = hostFixture.Host;

    [Theory]
    [InlineData("""{"id":"ok","displayName":"X","color":"red"}""", "color", "#RRGGBB")]
    [InlineData("""{"id":"../up","displayName":"X"}""", "id", "letters")]
    [InlineData("""{"id":"fine"}""", "displayName", "required")]
    [InlineData("""{"id":"fine","displayName":"X","components":["VCARD"]}""", "components", "VEVENT")]
    public async Task Invalid_calendars_are_400_with_the_field_named(string body, string field, string expected)
    {
        var response = await _server.PostAsync("/api/calendars", body);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(expected, response.FieldErrors(field));
        Assert.Equal(["work"], (await _server.GetAsync("/api/calendars")).Json!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }
}
