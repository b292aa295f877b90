using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// Arguments that break the documented rules are programming errors of the caller and throw
// ArgumentException (or a subclass); nothing else about input throws.
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Page_limits_outside_one_to_a_thousand_are_refused()
    {
        await CreateAliceWithCalendarsAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListObjectsAsync(Work, PageRequest.First(0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListAccountsAsync(PageRequest.First(PageRequest.MaxLimit + 1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetChangesAsync(Work, null, 0));
    }

    [Fact]
    public async Task A_multiget_of_more_than_a_thousand_names_is_refused()
    {
        await CreateAliceWithCalendarsAsync();
        var names = Enumerable.Range(0, PageRequest.MaxLimit + 1).Select(i => $"{i}.ics").ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetObjectsAsync(Work, names));
    }

    [Fact]
    public async Task Names_that_cannot_be_path_segments_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAccountAsync("a/b", "h", AccountSettings.Default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetDeadPropertiesAsync(Work, "../x"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateFeedLinkAsync("t", Alice, "/bad/", FeedScope.Full));
    }

    [Fact]
    public async Task Odd_but_legal_names_round_trip_exactly()
    {
        await CreateAccountAsync("user@example.com");
        var calendar = new CollectionRef("user@example.com", "Kalender für Ärzte + 100%");
        await CreateCalendarAsync(calendar);
        const string href = "event%40with @ and + and ü.ics";

        await PutNewAsync(calendar, href, Event("uid-odd"));

        Assert.Equal(href, (await Store.GetObjectAsync(calendar.Object(href)))!.Href);
        Assert.Equal([href], (await Store.ListObjectsAsync(calendar, PageRequest.First(10))).Items.Select(o => o.Href));
        Assert.Equal(calendar, (await Store.ListCollectionsAsync("user@example.com", null, PageRequest.First(10))).Items.Single().Ref);
    }
}
