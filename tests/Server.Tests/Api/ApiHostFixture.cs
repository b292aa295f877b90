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

    public async Task InitializeAsync() => Host = await ApiServer.StartAsync(Settings);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The shared host with a small max-resource-size, for the 413 tests.</summary>
public sealed class SmallResourceApiHostFixture : ApiHostFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings =>
        new Dictionary<string, string?> { ["Limits:MaxResourceBytes"] = "20000" };
}
