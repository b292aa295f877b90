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
