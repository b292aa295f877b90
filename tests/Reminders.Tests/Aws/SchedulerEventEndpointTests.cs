using System.Net;
using System.Text;
using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Tests.Wiring;
using AuroraTime.Server.Reminders;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// The real composition (ServerHost.Build) in the EventBridge mode on the TestServer: a CalDAV PUT
/// creates a schedule (in <see cref="FakeSchedulerService"/>), and POST /internal/events with its input
/// sends the reminder (pickup folder); forged, front-door and oversized events are refused.
/// </summary>
public sealed class SchedulerEventEndpointTests : IAsyncLifetime
{
    private readonly FakeSchedulerService scheduler = new();
    private ComposedServer server = null!;

    private string Outbox => Path.Combine(server.DataFolder, "outbox");

    public async Task InitializeAsync() =>
        server = await ComposedServer.StartAsync(
            "aurora-aws-wiring-",
            new Dictionary<string, string?>
            {
                ["Reminders:Scheduler"] = "eventbridge",
                ["Reminders:Aws:Region"] = "eu-central-1",
                ["Reminders:Aws:FunctionArn"] = EventBridgeFixture.Options.FunctionArn,
                ["Reminders:Aws:RoleArn"] = EventBridgeFixture.Options.RoleArn,
                ["Reminders:Aws:ScheduleGroup"] = "aurora-reminders",
                ["Reminders:Aws:EventSecret"] = Convert.ToBase64String(EventBridgeFixture.Secret),
            },
            services =>
            {
                services.AddSingleton<IAwsCredentialSource>(new StaticCredentialSource(new AwsCredentials("AKIDEXAMPLE", "secret")));
                services.AddSingleton(new AwsHttpClient(new HttpClient(scheduler.Handler)));
            });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_PUT_creates_a_schedule_and_its_event_sends_the_reminder_once()
    {
        var input = await PutEventAsync();

        using var client = server.App.GetTestClient();
        var first = await client.PostAsync(AwsReminderHosting.EventsPath, new ByteArrayContent(input));
        var again = await client.PostAsync(AwsReminderHosting.EventsPath, new ByteArrayContent(input));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{\"outcome\":\"Sent\"}", await first.Content.ReadAsStringAsync());
        Assert.Equal("{\"outcome\":\"AlreadyClaimed\"}", await again.Content.ReadAsStringAsync());
        Assert.Single(Directory.GetFiles(Outbox, "*.eml"));
    }

    [Fact]
    public async Task Events_that_came_through_an_HTTP_front_door_a_wrong_MAC_or_too_big_are_refused()
    {
        var input = await PutEventAsync();
        using var client = server.App.GetTestClient();

        using var viaGateway = new HttpRequestMessage(HttpMethod.Post, AwsReminderHosting.EventsPath) { Content = new ByteArrayContent(input) };
        viaGateway.Headers.TryAddWithoutValidation(AwsReminderHosting.RequestContextHeader, "{\"requestId\":\"x\"}");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(viaGateway)).StatusCode);

        var forged = Encoding.UTF8.GetString(input).Replace("\"mac\":\"", "\"mac\":\"AAAA", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(AwsReminderHosting.EventsPath, new StringContent(forged))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync(AwsReminderHosting.EventsPath, new ByteArrayContent(new byte[SchedulerEvent.MaxBytes + 1]))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync(AwsReminderHosting.EventsPath)).StatusCode);

        Assert.False(Directory.Exists(Outbox) && Directory.GetFiles(Outbox).Length > 0);
    }

    /// <summary>MKCALENDAR and PUT of an event with an alarm a minute ahead; returns the schedule's input.</summary>
    private async Task<byte[]> PutEventAsync()
    {
        using var client = server.AliceClient();
        Assert.True((await client.SendAsync(new HttpRequestMessage(new HttpMethod("MKCALENDAR"), "/calendars/alice/work/"))).IsSuccessStatusCode);
        // Due a minute from now (the real clock): early enough that the test posts the event itself.
        var start = DateTime.UtcNow.AddMinutes(11).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = ComposedServer.EventWithAlarm("aws-wired", start);
        var put = await client.PutAsync("/calendars/alice/work/wired.ics", new StringContent(body, Encoding.UTF8, "text/calendar"));
        Assert.True(put.IsSuccessStatusCode, $"PUT answered {(int)put.StatusCode}");
        var schedule = Assert.Single(scheduler.Schedules.Values);
        return Encoding.UTF8.GetBytes(schedule.Input);
    }
}
