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
/// The real composition (ServerHost.Build) in the EventBridge mode on the TestServer, with its SQLite
/// store in a temp folder, Scheduler answered by a <see cref="FakeSchedulerService"/>, the pickup-folder
/// sender and account alice.
/// </summary>
internal sealed class AwsModeHost : IAsyncDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("aurora-aws-wiring-").FullName;
    private WebApplication? app;

    public FakeSchedulerService Scheduler { get; } = new();

    public string Outbox => Path.Combine(data, "outbox");

    public WebApplication App => app ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync()
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
            builder.Services.AddSingleton(new AwsHttpClient(new HttpClient(Scheduler.Handler)));
        });
        await app.StartAsync();
        await app.Services.GetRequiredService<AccountAdministration>().CreateUserAsync("alice", "alice-password-1");
    }

    /// <summary>A client signed in as alice (Basic).</summary>
    public HttpClient Alice()
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice-password-1")));
        return client;
    }

    /// <summary>An event starting at <paramref name="start"/> (default 2030-06-01 09:00Z) with one DISPLAY alarm per trigger (default -PT15M and -PT1H).</summary>
    public static string Event(string uid, string summary = "Review", string start = "20300601T090000Z", params string[] triggers) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:{summary}\r\n" +
        string.Concat((triggers.Length == 0 ? ["-PT15M", "-PT1H"] : triggers).Where(t => t.Length > 0)
            .Select(t => $"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:{t}\r\nEND:VALARM\r\n")) +
        "END:VEVENT\r\nEND:VCALENDAR\r\n";

    /// <summary>A UTC DATE-TIME <paramref name="minutes"/> from now.</summary>
    public static string Soon(int minutes) => DateTime.UtcNow.AddMinutes(minutes).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public async Task MakeCalendarAsync(string name)
    {
        using var client = Alice();
        var made = await client.SendAsync(new HttpRequestMessage(new HttpMethod("MKCALENDAR"), $"/calendars/alice/{name}/"));
        Assert.Equal(System.Net.HttpStatusCode.Created, made.StatusCode);
    }

    public async Task PutAsync(string path, string body)
    {
        using var client = Alice();
        var put = await client.PutAsync(path, new StringContent(body, Encoding.UTF8, "text/calendar"));
        Assert.True(put.IsSuccessStatusCode, $"PUT {path} answered {(int)put.StatusCode}");
    }

    /// <summary>Sends a bodiless request as alice; with a destination, a COPY/MOVE with the Overwrite header.</summary>
    public async Task<System.Net.HttpStatusCode> SendAsync(string method, string path, string? destination = null, bool overwrite = false)
    {
        using var client = Alice();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (destination is not null)
        {
            request.Headers.Add("Destination", destination);
            request.Headers.Add("Overwrite", overwrite ? "T" : "F");
        }
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>The Scheduler calls made since the last take ("create NAME", "delete NAME").</summary>
    public List<string> TakeCalls()
    {
        var calls = Scheduler.Calls.ToList();
        Scheduler.Calls.Clear();
        return calls;
    }

    /// <summary>Posts a schedule's input to the events path, as the Lambda Web Adapter does.</summary>
    public async Task<string> PostEventAsync(string input)
    {
        using var client = App.GetTestClient();
        var response = await client.PostAsync(AwsReminderHosting.EventsPath, new StringContent(input));
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
