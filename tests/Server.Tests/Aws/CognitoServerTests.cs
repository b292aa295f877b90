using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.Server.Tests.Aws;

/// <summary>
/// What the Cognito test classes share: the collection's one cognito-local (<see cref="CognitoPool"/>,
/// its start-up is seconds of node loading), a data folder per test, and the composed server on it
/// trusting the pool.
/// </summary>
[Collection(CognitoPool.Collection)]
public abstract class CognitoServerTests(CognitoPool pool) : IDisposable
{
    /// <summary>Tells who signed in; under /api, where the bearer scheme applies (TestHost's /whoami is outside it).</summary>
    protected const string WhoAmI = "/api/test/whoami";

    protected CognitoPool Pool { get; } = pool;

    /// <summary>This test's data folder (xunit makes an instance per test and disposes it after).</summary>
    protected TempDataFolder Data { get; } = new();

    /// <summary>The composed server with the pool's issuer and web client, the reminder scheduler off, and <paramref name="settings"/>.</summary>
    protected Task<WebApplication> StartServerAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Auth:Cognito:Issuer"] = Pool.Issuer,
            ["Auth:Cognito:ClientId"] = Pool.WebClientId,
            ["Reminders:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return TestHost.StartAsync(Data.Path, all, configure,
            app => app.MapGet(WhoAmI, (HttpContext context) => context.User.Identity?.Name ?? "(anonymous)"));
    }

    public void Dispose() => Data.Dispose();
}
