using System.Text;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_new_object_is_stored_with_its_bytes_metadata_and_an_etag_computed_from_the_bytes()
    {
        await CreateAliceWithCalendarsAsync();
        var first = Instant.FromUtc(2026, 2, 1, 10, 0);
        var last = Instant.FromUtc(2026, 3, 1, 11, 0);
        var content = Event("uid-1", "Standup", first, last);
        Clock.Advance(Duration.FromMinutes(1));

        var result = await Store.PutObjectAsync(Work.Object("uid-1.ics"), content, WritePrecondition.None);

        Assert.Equal(StoreOutcome.Created, result.Outcome);
        Assert.Equal(ETag.FromContent(content.Data.Span), result.ETag);
        var stored = await Store.GetObjectAsync(Work.Object("uid-1.ics"));
        Assert.NotNull(stored);
        Assert.Equal(content.Data.ToArray(), stored.Data.ToArray());
        Assert.Equal(new ObjectSummary("uid-1.ics", "uid-1", "VEVENT", CalendarContentType, result.ETag!.Value,
            content.Data.Length, Start + Duration.FromMinutes(1), first, last), stored.Summary);
    }

    [Fact]
    public async Task Replacing_an_object_answers_Updated_and_its_etag_follows_the_bytes()
    {
        await CreateAliceWithCalendarsAsync();
        var original = await PutNewAsync(Work, "a.ics", Event("uid-a", "One"));

        var same = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "One"), WritePrecondition.None);
        var changed = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a", "Two"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Updated, same.Outcome);
        Assert.Equal(original, same.ETag);
        Assert.Equal(StoreOutcome.Updated, changed.Outcome);
        Assert.NotEqual(original, changed.ETag);
        Assert.Contains("SUMMARY:Two", Text((await Store.GetObjectAsync(Work.Object("a.ics")))!));
    }

    [Fact]
    public async Task Putting_into_a_missing_collection_answers_NotFound()
    {
        await CreateAccountAsync(Alice);

        var result = await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-a"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.NotFound, result.Outcome);
        Assert.Null(result.ETag);
    }

    [Fact]
    public async Task Content_over_the_size_limit_answers_TooLarge_and_is_not_stored()
    {
        await CreateAliceWithCalendarsAsync();
        var big = new byte[Store.Limits.MaxObjectSize + 1];

        var result = await Store.PutObjectAsync(Work.Object("big.ics"), new ObjectContent(big, CalendarContentType, "uid-big", "VEVENT"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.TooLarge, result.Outcome);
        Assert.Null(await Store.GetObjectAsync(Work.Object("big.ics")));
    }

    // RFC 4791 section 5.3.2.1: CALDAV:no-uid-conflict, the server reports the href already holding the UID.
    [Fact]
    public async Task A_second_object_with_the_same_uid_in_a_calendar_answers_UidConflict_with_the_existing_href()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "first.ics", Event("shared-uid", "First"));
        var token = await CurrentTokenAsync(Work);

        var result = await Store.PutObjectAsync(Work.Object("second.ics"), Event("shared-uid", "Second"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.UidConflict, result.Outcome);
        Assert.Equal("first.ics", result.ConflictingHref);
        Assert.Null(await Store.GetObjectAsync(Work.Object("second.ics")));
        Assert.Equal(token, await CurrentTokenAsync(Work));
        Assert.Empty((await Store.GetChangesAsync(Work, token, 10)).Changes);
    }

    [Fact]
    public async Task The_same_uid_may_live_in_two_calendars_and_be_rewritten_at_its_own_href()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-x"));

        Assert.Equal(StoreOutcome.Created, (await Store.PutObjectAsync(Home.Object("a.ics"), Event("uid-x"), WritePrecondition.None)).Outcome);
        Assert.Equal(StoreOutcome.Updated, (await Store.PutObjectAsync(Work.Object("a.ics"), Event("uid-x", "Edited"), WritePrecondition.None)).Outcome);
        Assert.Equal("a.ics", await Store.FindHrefByUidAsync(Work, "uid-x"));
        Assert.Null(await Store.FindHrefByUidAsync(Work, "uid-missing"));
    }

    [Fact]
    public async Task Plain_collections_hold_resources_of_any_type_without_uids()
    {
        await CreateAccountAsync(Alice);
        var files = new CollectionRef(Alice, "files");
        await Store.CreateCollectionAsync(files, CollectionKind.Plain, CollectionProperties.Empty);

        await PutNewAsync(files, "one.txt", new ObjectContent("same"u8.ToArray(), "text/plain"));
        await PutNewAsync(files, "two.bin", new ObjectContent(new byte[] { 0, 1, 2, 255 }, "application/octet-stream"));

        var two = await Store.GetObjectAsync(files.Object("two.bin"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, two!.Data.ToArray());
        Assert.Null(two.Summary.Uid);
        Assert.Equal("application/octet-stream", two.Summary.ContentType);
    }

    [Fact]
    public async Task Deleting_an_object_removes_it_and_deleting_it_again_answers_NotFound()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a"));

        var deleted = await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);
        var again = await Store.DeleteObjectAsync(Work.Object("a.ics"), WritePrecondition.None);

        Assert.Equal(StoreOutcome.Ok, deleted.Outcome);
        Assert.Equal(StoreOutcome.NotFound, again.Outcome);
        Assert.Null(await Store.GetObjectAsync(Work.Object("a.ics")));
        // The UID is free again.
        await PutNewAsync(Work, "b.ics", Event("uid-a"));
    }

    [Fact]
    public async Task Multiget_returns_the_existing_objects_of_that_collection_and_omits_the_rest()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "a.ics", Event("uid-a", "A"));
        await PutNewAsync(Work, "b.ics", Event("uid-b", "B"));
        await PutNewAsync(Home, "c.ics", Event("uid-c", "C"));

        var found = await Store.GetObjectsAsync(Work, ["b.ics", "missing.ics", "a.ics", "c.ics", "a.ics"]);

        Assert.Equal(["a.ics", "b.ics"], found.Select(o => o.Href).Order(StringComparer.Ordinal));
        Assert.Contains("SUMMARY:B", Text(found.Single(o => o.Href == "b.ics")));
        Assert.Empty(await Store.GetObjectsAsync(Work, []));
    }

    [Fact]
    public async Task Listing_objects_pages_through_every_member_once_in_href_order()
    {
        await CreateAliceWithCalendarsAsync();
        var hrefs = Enumerable.Range(0, 25).Select(i => $"event-{i:D2}.ics").ToList();
        foreach (var href in hrefs.AsEnumerable().Reverse())
        {
            await PutNewAsync(Work, href, Event("uid-" + href));
        }

        var seen = new List<ObjectSummary>();
        PageRequest? request = PageRequest.First(10);
        while (request is not null)
        {
            var page = await Store.ListObjectsAsync(Work, request);
            seen.AddRange(page.Items);
            request = page.NextRequest(10);
        }

        Assert.Equal(hrefs, seen.Select(s => s.Href));
        Assert.All(seen, s => Assert.Equal(CalendarContentType, s.ContentType));
        Assert.Empty((await Store.ListObjectsAsync(Home, PageRequest.First(10))).Items);
    }

    [Fact]
    public async Task Listing_objects_gives_each_summary_exactly_as_a_get_does_with_unusual_names_and_missing_metadata()
    {
        // The SQLite listing reads text columns as UTF-8 spans (RawObjectRows): quotes, backslashes, non-ASCII
        // and absent UID, component and bounds must come back unchanged.
        await CreateAliceWithCalendarsAsync();
        string[] hrefs = ["a \"quoted\" name.ics", "back\\slash.ics", "caf\u00e9 \ud83d\udcc5.ics", "plain.ics"];
        var first = Instant.FromUtc(2026, 2, 1, 10, 0);
        await PutNewAsync(Work, hrefs[0], Event("uid-q", "Q", first, Instant.FromUtc(2026, 2, 1, 11, 0)));
        await PutNewAsync(Work, hrefs[1], Event("uid-b", "B", first, null));
        await PutNewAsync(Work, hrefs[2], Event("uid-c", "C"));
        await Store.PutObjectAsync(Work.Object(hrefs[3]), new ObjectContent(Encoding.UTF8.GetBytes("just bytes"), "text/plain"), WritePrecondition.None);

        var listed = (await Store.ListObjectsAsync(Work, PageRequest.First(10))).Items;

        Assert.Equal(hrefs.Order(StringComparer.Ordinal), listed.Select(s => s.Href));
        foreach (var summary in listed)
        {
            Assert.Equal((await Store.GetObjectAsync(Work.Object(summary.Href)))!.Summary, summary);
        }
        Assert.Null(listed.Single(s => s.Href == "plain.ics").Uid);
    }

    public static TheoryData<string, bool> RangeCases => new()
    {
        // Query window: 2026-03-01T00:00Z .. 2026-03-08T00:00Z (inclusive prefilter).
        { "inside", true },
        { "ends-before", false },
        { "starts-after", false },
        { "spans-window", true },
        { "touches-start", true },
        { "touches-end", true },
        { "infinite-series-started-before", true },
        { "infinite-series-starting-after", false },
        { "no-dates", true },
    };

    private static readonly Dictionary<string, (Instant? First, Instant? Last)> RangeObjects = new()
    {
        ["inside"] = (Instant.FromUtc(2026, 3, 2, 9, 0), Instant.FromUtc(2026, 3, 2, 10, 0)),
        ["ends-before"] = (Instant.FromUtc(2026, 2, 1, 9, 0), Instant.FromUtc(2026, 2, 28, 23, 59)),
        ["starts-after"] = (Instant.FromUtc(2026, 3, 8, 0, 1), Instant.FromUtc(2026, 3, 9, 0, 0)),
        ["spans-window"] = (Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 12, 31, 0, 0)),
        ["touches-start"] = (Instant.FromUtc(2026, 2, 28, 0, 0), Instant.FromUtc(2026, 3, 1, 0, 0)),
        ["touches-end"] = (Instant.FromUtc(2026, 3, 8, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0)),
        ["infinite-series-started-before"] = (Instant.FromUtc(2020, 1, 1, 0, 0), null),
        ["infinite-series-starting-after"] = (Instant.FromUtc(2027, 1, 1, 0, 0), null),
        ["no-dates"] = (null, null),
    };

    [Theory]
    [MemberData(nameof(RangeCases))]
    public async Task The_time_range_prefilter_returns_objects_whose_occurrence_span_touches_the_window(string name, bool expected)
    {
        await CreateAliceWithCalendarsAsync();
        foreach (var (key, (first, last)) in RangeObjects)
        {
            await PutNewAsync(Work, key + ".ics", Event("uid-" + key, key, first, last));
        }

        var page = await Store.FindObjectsInRangeAsync(Work,
            new TimeRangeQuery(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 8, 0, 0)), PageRequest.First(100));

        Assert.Equal(expected, page.Items.Any(o => o.Href == name + ".ics"));
        Assert.All(page.Items, o => Assert.False(o.Data.IsEmpty));
    }

    [Fact]
    public async Task The_time_range_prefilter_can_be_limited_to_one_component_type_and_paged()
    {
        await CreateAliceWithCalendarsAsync();
        var day = Instant.FromUtc(2026, 3, 2, 9, 0);
        for (var i = 0; i < 5; i++)
        {
            await PutNewAsync(Work, $"event-{i}.ics", Event($"e{i}", first: day, last: day));
            await PutNewAsync(Work, $"todo-{i}.ics", Event($"t{i}", first: day, last: day, component: "VTODO"));
        }

        var query = new TimeRangeQuery(day - Duration.FromDays(1), day + Duration.FromDays(1), "VTODO");
        var first = await Store.FindObjectsInRangeAsync(Work, query, PageRequest.First(3));
        var second = await Store.FindObjectsInRangeAsync(Work, query, first.NextRequest(3)!);

        Assert.Equal(["todo-0.ics", "todo-1.ics", "todo-2.ics"], first.Items.Select(o => o.Href));
        Assert.Equal(["todo-3.ics", "todo-4.ics"], second.Items.Select(o => o.Href));
        Assert.False(second.HasMore);
        Assert.Contains("BEGIN:VTODO", Encoding.UTF8.GetString(second.Items[0].Data.Span));
    }

    [Fact]
    public async Task Open_ended_time_ranges_match_everything_on_that_side()
    {
        await CreateAliceWithCalendarsAsync();
        await PutNewAsync(Work, "old.ics", Event("old", first: Instant.FromUtc(2001, 1, 1, 0, 0), last: Instant.FromUtc(2001, 1, 1, 1, 0)));
        await PutNewAsync(Work, "new.ics", Event("new", first: Instant.FromUtc(2031, 1, 1, 0, 0), last: Instant.FromUtc(2031, 1, 1, 1, 0)));

        var fromNow = await Store.FindObjectsInRangeAsync(Work, new TimeRangeQuery(Instant.FromUtc(2026, 1, 1, 0, 0), null), PageRequest.First(10));
        var untilNow = await Store.FindObjectsInRangeAsync(Work, new TimeRangeQuery(null, Instant.FromUtc(2026, 1, 1, 0, 0)), PageRequest.First(10));

        Assert.Equal(["new.ics"], fromNow.Items.Select(o => o.Href));
        Assert.Equal(["old.ics"], untilNow.Items.Select(o => o.Href));
    }
}
