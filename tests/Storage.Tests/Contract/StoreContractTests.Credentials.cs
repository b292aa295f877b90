using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task An_app_password_is_stored_with_its_label_hash_and_creation_time_and_no_use_yet()
    {
        await CreateAccountAsync(Alice);

        Assert.Equal(StoreOutcome.Created, await Store.AddAppPasswordAsync(Alice, "ap1", "Alice's phone", "hash-1"));

        var stored = await Store.GetAppPasswordAsync(Alice, "ap1");
        Assert.Equal(new AppPassword("ap1", Alice, "Alice's phone", "hash-1", Start, null), stored);
    }

    [Fact]
    public async Task App_passwords_need_an_account_and_a_free_id()
    {
        Assert.Equal(StoreOutcome.NotFound, await Store.AddAppPasswordAsync("nobody", "ap1", "x", "h"));
        await CreateAccountAsync(Alice);
        await CreateAccountAsync(Bob);
        await Store.AddAppPasswordAsync(Alice, "ap1", "x", "h");

        Assert.Equal(StoreOutcome.AlreadyExists, await Store.AddAppPasswordAsync(Alice, "ap1", "y", "h2"));
        // Ids are per account: bob's "ap1" is a different record.
        Assert.Equal(StoreOutcome.Created, await Store.AddAppPasswordAsync(Bob, "ap1", "y", "h2"));
        Assert.Equal("x", (await Store.GetAppPasswordAsync(Alice, "ap1"))!.Label);
    }

    [Fact]
    public async Task Recording_a_sign_in_sets_last_used_to_the_store_clock()
    {
        await CreateAccountAsync(Alice);
        await Store.AddAppPasswordAsync(Alice, "ap1", "Laptop", "h");
        Clock.Advance(Duration.FromHours(5));

        Assert.Equal(StoreOutcome.Ok, await Store.RecordAppPasswordUseAsync(Alice, "ap1"));

        Assert.Equal(Start + Duration.FromHours(5), (await Store.GetAppPasswordAsync(Alice, "ap1"))!.LastUsedAt);
        Assert.Equal(StoreOutcome.NotFound, await Store.RecordAppPasswordUseAsync(Alice, "missing"));
    }

    [Fact]
    public async Task App_passwords_are_listed_per_account_in_pages_and_revoking_removes_one()
    {
        await CreateAccountAsync(Alice);
        await CreateAccountAsync(Bob);
        foreach (var id in new[] { "c", "a", "b" })
        {
            await Store.AddAppPasswordAsync(Alice, id, "device " + id, "h-" + id);
        }

        await Store.AddAppPasswordAsync(Bob, "z", "bob's", "h");

        var first = await Store.ListAppPasswordsAsync(Alice, PageRequest.First(2));
        var second = await Store.ListAppPasswordsAsync(Alice, first.NextRequest(2)!);
        Assert.Equal(["a", "b"], first.Items.Select(p => p.Id));
        Assert.Equal(["c"], second.Items.Select(p => p.Id));
        Assert.False(second.HasMore);

        Assert.Equal(StoreOutcome.Ok, await Store.RevokeAppPasswordAsync(Alice, "b"));
        Assert.Equal(StoreOutcome.NotFound, await Store.RevokeAppPasswordAsync(Alice, "b"));
        Assert.Equal(StoreOutcome.NotFound, await Store.RevokeAppPasswordAsync(Alice, "z"));
        Assert.Null(await Store.GetAppPasswordAsync(Alice, "b"));
        Assert.Equal(["a", "c"], (await Store.ListAppPasswordsAsync(Alice, PageRequest.First(10))).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task A_feed_link_is_found_by_its_token_alone()
    {
        await CreateAliceWithCalendarsAsync();

        Assert.Equal(StoreOutcome.Created, await Store.CreateFeedLinkAsync("tok-work", Alice, "work", FeedScope.BusyOnly));
        Assert.Equal(StoreOutcome.Created, await Store.CreateFeedLinkAsync("tok-all", Alice, null, FeedScope.NoPrivate));

        Assert.Equal(new FeedLink("tok-work", Alice, "work", FeedScope.BusyOnly, Start, null), await Store.GetFeedLinkAsync("tok-work"));
        Assert.Equal(new FeedLink("tok-all", Alice, null, FeedScope.NoPrivate, Start, null), await Store.GetFeedLinkAsync("tok-all"));
        Assert.Null(await Store.GetFeedLinkAsync("tok-unknown"));
    }

    [Fact]
    public async Task Feed_links_need_an_account_and_a_unique_token()
    {
        Assert.Equal(StoreOutcome.NotFound, await Store.CreateFeedLinkAsync("t", "nobody", null, FeedScope.Full));
        await CreateAccountAsync(Alice);
        await CreateAccountAsync(Bob);
        await Store.CreateFeedLinkAsync("t", Alice, null, FeedScope.Full);

        // Tokens are global: the feed URL carries no user name.
        Assert.Equal(StoreOutcome.AlreadyExists, await Store.CreateFeedLinkAsync("t", Bob, null, FeedScope.Full));
        Assert.Equal(Alice, (await Store.GetFeedLinkAsync("t"))!.UserName);
    }

    [Fact]
    public async Task Revoking_a_feed_link_keeps_it_marked_with_the_first_revocation_time()
    {
        await CreateAccountAsync(Alice);
        await CreateAccountAsync(Bob);
        await Store.CreateFeedLinkAsync("t1", Alice, null, FeedScope.Full);
        await Store.CreateFeedLinkAsync("t2", Alice, null, FeedScope.Full);
        Clock.Advance(Duration.FromMinutes(10));

        Assert.Equal(StoreOutcome.Ok, await Store.RevokeFeedLinkAsync(Alice, "t1"));
        Clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(StoreOutcome.Ok, await Store.RevokeFeedLinkAsync(Alice, "t1"));
        Assert.Equal(StoreOutcome.NotFound, await Store.RevokeFeedLinkAsync(Bob, "t2"));

        var revoked = await Store.GetFeedLinkAsync("t1");
        Assert.True(revoked!.IsRevoked);
        Assert.Equal(Start + Duration.FromMinutes(10), revoked.RevokedAt);
        Assert.False((await Store.GetFeedLinkAsync("t2"))!.IsRevoked);
        Assert.Equal(["t1", "t2"], (await Store.ListFeedLinksAsync(Alice, PageRequest.First(10))).Items.Select(l => l.TokenId));
        Assert.Empty((await Store.ListFeedLinksAsync(Bob, PageRequest.First(10))).Items);
    }
}
