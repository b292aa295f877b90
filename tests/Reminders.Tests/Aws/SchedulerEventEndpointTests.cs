using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuroraTime.Reminders.Aws;
using AuroraTime.Server;
using AuroraTime.Server.Accounts;
using AuroraTime.Server.Reminders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// The real composition (ServerHost.Build) in the EventBridge mode on the TestServer: a CalDAV PUT
/// creates a schedule (in <see cref="FakeSchedulerService"/>), and POST /internal/events with its input
/// sends the reminder (pickup folder); forged, front-door and oversized events are refused.
/// </summary>
public sealed class SchedulerEventEndpointTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("aurora-aws-wiring-").FullName;
    private readonly FakeSchedulerService scheduler = new();
    private WebApplication? app;

    public async Task InitializeAsync()
    {
        app = ServerHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Data"] = data,
                ["Auth:Pbkdf2Iterations"] = "1000",
                ["Reminders:Scheduler"] = "eventbridge",
                ["Reminders:Aws:Region"] = "eu-central-1",
                ["Reminders:Aws:FunctionArn"] = EventBridgeFixture.Options.FunctionArn,
                ["Reminders:Aws:RoleArn"] = EventBridgeFixture.Options.RoleArn,
                ["Reminders:Aws:ScheduleGroup"] = "aurora-reminders",
                ["Reminders:Aws:EventSecret"] = Convert.ToBase64String(EventBridgeFixture.Secret),
            });
            builder.Services.AddSingleton<IAwsCredentialSource>(new StaticCredentialSource(new AwsCredentials("AKIDEXAMPLE", "secret")));
            builder.Services.AddSingleton(new AwsHttpClient(new HttpClient(scheduler.Handler)));
        });
        await app.StartAsync();
        await app.Services.GetRequiredService<AccountAdministration>().CreateUserAsync("alice", "alice-password-1");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_PUT_creates_a_schedule_and_its_event_sends_the_reminder_once()
    {
        var input = await PutEventAsync();

        using var client = app!.GetTestClient();
        var first = await client.PostAsync(AwsReminderHosting.EventsPath, new ByteArrayContent(input));
        var again = await client.PostAsync(AwsReminderHosting.EventsPath, new ByteArrayContent(input));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{\"outcome\":\"Sent\"}", await first.Content.ReadAsStringAsync());
        Assert.Equal("{\"outcome\":\"AlreadyClaimed\"}", await again.Content.ReadAsStringAsync());
        Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml"));
    }

    [Fact]
    public async Task Events_that_came_through_an_HTTP_front_door_a_wrong_MAC_or_too_big_are_refused()
    {
        var input = await PutEventAsync();
        using var client = app!.GetTestClient();

        using var viaGateway = new HttpRequestMessage(HttpMethod.Post, AwsReminderHosting.EventsPath) { Content = new ByteArrayContent(input) };
        viaGateway.Headers.TryAddWithoutValidation(AwsReminderHosting.RequestContextHeader, "{\"requestId\":\"x\"}");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(viaGateway)).StatusCode);

        var forged = Encoding.UTF8.GetString(input).Replace("\"mac\":\"", "\"mac\":\"AAAA", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(AwsReminderHosting.EventsPath, new StringContent(forged))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync(AwsReminderHosting.EventsPath, new ByteArrayContent(new byte[SchedulerEvent.MaxBytes + 1]))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync(AwsReminderHosting.EventsPath)).StatusCode);

        Assert.False(Directory.Exists(Path.Combine(data, "outbox")) && Directory.GetFiles(Path.Combine(data, "outbox")).Length > 0);
    }

    /// <summary>MKCALENDAR and PUT of an event with an alarm a minute ahead; returns the schedule's input.</summary>
    private async Task<byte[]> PutEventAsync()
    {
        using var client = app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice-password-1")));
        Assert.True((await client.SendAsync(new HttpRequestMessage(new HttpMethod("MKCALENDAR"), "/calendars/alice/work/"))).IsSuccessStatusCode);
        // Due a minute from now (the real clock): early enough that the test posts the event itself.
        var start = DateTime.UtcNow.AddMinutes(11).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:aws-wired\r\nDTSTAMP:20260101T000000Z\r\n" +
            $"DTSTART:{start}\r\nSUMMARY:Wired\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var put = await client.PutAsync("/calendars/alice/work/wired.ics", new StringContent(body, Encoding.UTF8, "text/calendar"));
        Assert.True(put.IsSuccessStatusCode, $"PUT answered {(int)put.StatusCode}");
        var schedule = Assert.Single(scheduler.Schedules.Values);
        return Encoding.UTF8.GetBytes(schedule.Input);
    }
}
