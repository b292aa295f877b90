using AuroraTime.Server.Auth;
using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Server.Tests.Web;

/// <summary>
/// The real host on TestServer with account alice, a clock the test moves, and two probe endpoints
/// under /api (the REST API is another component): GET and POST /api/probe answer who the request is
/// signed in as and with which credential.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    public const string Password = "alice-password-1";
    public const string ProbePath = "/api/probe";

    private WebServer(TempDataFolder data, WebApplication app, ManualClock clock)
    {
        Data = data;
        App = app;
        Clock = clock;
    }

    public TempDataFolder Data { get; }

    public WebApplication App { get; }

    public ManualClock Clock { get; }

    public static async Task<WebServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TempDataFolder? data = null, ManualClock? clock = null)
    {
        clock ??= new ManualClock(DateTimeOffset.UtcNow);
        if (data is null)
        {
            data = new TempDataFolder();
            Assert.Equal(0, (await CliRunner.RunWithInputAsync(Password + "\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        }
        var all = new Dictionary<string, string?> { ["Reminders:Enabled"] = "false" };
        foreach (var pair in settings ?? new Dictionary<string, string?>())
        {
            all[pair.Key] = pair.Value;
        }
        var app = await TestHost.StartAsync(data.Path, all,
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            map =>
            {
                map.MapGet(ProbePath, Describe);
                map.MapPost(ProbePath, Describe);
            });
        return new WebServer(data, app, clock);
    }

    /// <summary>A second server over the same data folder, as after a restart.</summary>
    public Task<WebServer> RestartAsync() => StartAsync(data: Data, clock: Clock);

    public PageVisitor Visitor() => new(App);

    private static string Describe(HttpContext context) =>
        $"{context.User.Identity?.Name ?? "(anonymous)"} {context.User.FindFirst(BasicAuthenticationMiddleware.CredentialClaimType)?.Value}";

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
    }

    /// <summary>Disposes the host and deletes its data folder.</summary>
    public async ValueTask DisposeWithDataAsync()
    {
        await DisposeAsync();
        Data.Dispose();
    }
}
