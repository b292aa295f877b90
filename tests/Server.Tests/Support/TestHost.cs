using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.TestHost;

namespace AuroraTime.Server.Tests.Support;

/// <summary>The real composition (ServerHost.Build) on the in-memory TestServer over a temp data folder.</summary>
public static class TestHost
{
    public static async Task<WebApplication> StartAsync(
        string dataFolder,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null)
    {
        var app = ServerHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            var all = new Dictionary<string, string?>(CliRunner.FastHashing) { ["Data"] = dataFolder };
            foreach (var pair in settings ?? new Dictionary<string, string?>())
            {
                all[pair.Key] = pair.Value;
            }
            builder.Configuration.AddInMemoryCollection(all);
            configure?.Invoke(builder);
        });
        // Test-only endpoint behind the auth branch: tells who the request was signed in as.
        app.MapGet("/whoami", (HttpContext context) => context.User.Identity?.Name ?? "(anonymous)");
        map?.Invoke(app);
        await app.StartAsync();
        return app;
    }
}
