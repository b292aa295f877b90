namespace AuroraTime.Server.Tests.Api;

/// <summary>One <see cref="ApiServer"/> with alice's calendar "work", shared by the tests of a class that never write to it.</summary>
public sealed class SharedApiServer : IAsyncLifetime
{
    internal ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ApiServer.StartAsync();
        await Server.CreateCalendarAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
