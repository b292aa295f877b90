using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

/// <summary>
/// Gives the contract suite fresh, empty data for one test. Each call to <see cref="OpenStoreAsync"/>
/// opens another handle on the same data, the way a second process (the CLI beside the server) would.
/// Disposing the fixture removes the data.
/// </summary>
public interface IStoreFixture : IAsyncDisposable
{
    Task<IStore> OpenStoreAsync(TimeProvider clock);
}
