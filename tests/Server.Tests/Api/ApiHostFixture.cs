namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// One running host per test class (starting one per test made the Api folder take a minute under
/// load); each test takes its own account from <see cref="ForTestAsync"/>, so tests cannot see each
/// other's data whatever order they run in.
/// </summary>
public class ApiHostFixture : IAsyncLifetime
{
    internal ApiServer Host { get; private set; } = null!;

    /// <summary>Settings of the shared host on top of <see cref="ApiServer.StartAsync"/>'s.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>A view of the host signed in as a fresh user; dispose it at the end of the test.</summary>
    internal Task<ApiServer> ForTestAsync() => Host.ForNewUserAsync();

    /// <summary>As <see cref="ForTestAsync"/>, with the fresh user's calendar "work" already made.</summary>
    internal async Task<ApiServer> ForTestWithCalendarAsync()
    {
        var server = await ForTestAsync();
        try
        {
            await server.CreateCalendarAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        Host = await ApiServer.StartAsync(Settings);
        await PrepareAsync(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>What the class's tests expect to find on the host before the first of them runs.</summary>
    private protected virtual Task PrepareAsync(ApiServer host) => Task.CompletedTask;
}

/// <summary>The shared host with a small max-resource-size, for the 413 tests.</summary>
public sealed class SmallResourceApiHostFixture : ApiHostFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings =>
        new Dictionary<string, string?> { ["Limits:MaxResourceBytes"] = "20000" };
}

/// <summary>
/// The shared host with alice's calendar "work", for classes whose tests all use alice and never
/// write (each checks that it stored nothing), so they cannot disturb each other.
/// </summary>
public sealed class WorkCalendarApiHostFixture : ApiHostFixture
{
    private protected override async Task PrepareAsync(ApiServer host) => await host.CreateCalendarAsync();
}
