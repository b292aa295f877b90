using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Tests.CalDav;

/// <summary>
/// The default calendar (INTEROP.md: iOS wants a writable calendar) is checked by a collection listing
/// once per user, not on every request; a deleted calendar or a request for the home checks again.
/// </summary>
public sealed class DefaultCalendarMemoryTests : IAsyncLifetime
{
    private static readonly CollectionRef AliceDefault = new("alice", "default");
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        Assert.Equal(207, (await _host.PropfindAsync("/principals/alice/", "<D:displayname/>")).Status); // creates "default"
        Assert.NotNull(await _host.Store.GetCollectionAsync(AliceDefault));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_home_emptied_behind_the_servers_back_is_not_relisted_until_the_home_itself_is_requested()
    {
        Assert.Equal(StoreOutcome.Ok, await _host.Store.DeleteCollectionAsync(AliceDefault));

        // Remembered: a principal request does not list the home again, so nothing is recreated.
        Assert.Equal(207, (await _host.PropfindAsync("/principals/alice/", "<D:displayname/>")).Status);
        Assert.Null(await _host.Store.GetCollectionAsync(AliceDefault));

        // Discovery goes through the home, which always lists: the default calendar comes back.
        Assert.Equal(207, (await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1")).Status);
        Assert.NotNull(await _host.Store.GetCollectionAsync(AliceDefault));
    }

    [Fact]
    public async Task Deleting_the_last_calendar_over_webdav_lets_the_next_request_create_the_default_again()
    {
        Assert.Equal(204, (await _host.SendAsync("DELETE", "/calendars/alice/default/")).Status);
        Assert.Null(await _host.Store.GetCollectionAsync(AliceDefault));

        Assert.Equal(207, (await _host.PropfindAsync("/principals/alice/", "<D:displayname/>")).Status);
        Assert.NotNull(await _host.Store.GetCollectionAsync(AliceDefault));
    }
}
