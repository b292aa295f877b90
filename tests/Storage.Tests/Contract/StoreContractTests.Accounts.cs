using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Creating_an_account_stores_its_hash_settings_and_creation_time()
    {
        var outcome = await Store.CreateAccountAsync(Alice, "$argon2id$v=19$abc", new AccountSettings("Europe/Paris", EmailDisplayAlarms: false));

        Assert.Equal(StoreOutcome.Created, outcome);
        var account = await Store.GetAccountAsync(Alice);
        Assert.NotNull(account);
        Assert.Equal(Alice, account.UserName);
        Assert.Equal("$argon2id$v=19$abc", account.PasswordHash);
        Assert.Equal(Start, account.CreatedAt);
        Assert.Equal(new AccountSettings("Europe/Paris", false), account.Settings);
    }

    [Fact]
    public async Task Email_for_display_alarms_is_on_by_default()
    {
        await CreateAccountAsync(Alice);

        var account = await Store.GetAccountAsync(Alice);

        Assert.True(account!.Settings.EmailDisplayAlarms);
        Assert.Null(account.Settings.TimeZoneId);
    }

    [Fact]
    public async Task Creating_an_account_twice_answers_AlreadyExists_and_keeps_the_first()
    {
        await CreateAccountAsync(Alice);

        var outcome = await Store.CreateAccountAsync(Alice, "other-hash", AccountSettings.Default);

        Assert.Equal(StoreOutcome.AlreadyExists, outcome);
        Assert.Equal("hash-of-alice", (await Store.GetAccountAsync(Alice))!.PasswordHash);
    }

    [Fact]
    public async Task A_missing_account_reads_as_null_and_updates_to_it_answer_NotFound()
    {
        Assert.Null(await Store.GetAccountAsync("nobody"));
        Assert.Equal(StoreOutcome.NotFound, await Store.SetPasswordHashAsync("nobody", "h"));
        Assert.Equal(StoreOutcome.NotFound, await Store.UpdateAccountSettingsAsync("nobody", AccountSettings.Default));
        Assert.Equal(StoreOutcome.NotFound, await Store.DeleteAccountAsync("nobody"));
    }

    [Fact]
    public async Task Updating_the_hash_and_settings_changes_only_that_account()
    {
        await CreateAccountAsync(Alice);
        await CreateAccountAsync(Bob);

        Assert.Equal(StoreOutcome.Ok, await Store.SetPasswordHashAsync(Alice, "new-hash"));
        Assert.Equal(StoreOutcome.Ok, await Store.UpdateAccountSettingsAsync(Alice, new AccountSettings("America/New_York", false)));

        var alice = await Store.GetAccountAsync(Alice);
        Assert.Equal("new-hash", alice!.PasswordHash);
        Assert.Equal(new AccountSettings("America/New_York", false), alice.Settings);
        var bob = await Store.GetAccountAsync(Bob);
        Assert.Equal("hash-of-bob", bob!.PasswordHash);
        Assert.Equal(AccountSettings.Default, bob.Settings);
    }

    [Fact]
    public async Task Listing_accounts_pages_through_all_of_them_in_name_order()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"user{i}").Reverse().ToList();
        foreach (var name in names)
        {
            await CreateAccountAsync(name);
        }

        var seen = new List<string>();
        PageRequest? request = PageRequest.First(3);
        var pages = 0;
        while (request is not null)
        {
            var page = await Store.ListAccountsAsync(request);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(a => a.UserName));
            request = page.NextRequest(3);
            pages++;
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Deleting_an_account_removes_everything_it_owns()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a"));
        await Store.AddAppPasswordAsync(Alice, "phone", "Phone", "hash");
        await Store.CreateFeedLinkAsync("token-1", Alice, null, FeedScope.Full);

        Assert.Equal(StoreOutcome.Ok, await Store.DeleteAccountAsync(Alice));

        Assert.Null(await Store.GetAccountAsync(Alice));
        Assert.Null(await Store.GetCollectionAsync(Work));
        Assert.Null(await Store.GetObjectAsync(Work.Object("a.ics")));
        Assert.Null(await Store.GetAppPasswordAsync(Alice, "phone"));
        Assert.Null(await Store.GetFeedLinkAsync("token-1"));

        // The name can be taken again, and the new account starts empty.
        await CreateAccountAsync(Alice);
        Assert.Empty((await Store.ListCollectionsAsync(Alice, null, PageRequest.First(10))).Items);
    }

    [Fact]
    public async Task Account_creation_time_comes_from_the_store_clock()
    {
        Clock.Advance(Duration.FromDays(3));

        await CreateAccountAsync(Alice);

        Assert.Equal(Start + Duration.FromDays(3), (await Store.GetAccountAsync(Alice))!.CreatedAt);
    }
}
