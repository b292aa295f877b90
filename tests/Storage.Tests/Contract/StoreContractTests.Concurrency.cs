using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Tests.Contract;

// The lost-update problem (RFC 9110 section 13.1): concurrent If-Match writers of one resource must
// serialise so that exactly one of those holding the same ETag wins.
public abstract partial class StoreContractTests
{
    private const int Writers = 8;

    [Fact]
    public async Task Of_eight_writers_holding_the_same_etag_exactly_one_wins_each_round()
    {
        await CreateAliceWithCalendarsAsync();
        var second = await OpenSecondStoreAsync();
        var tag = await PutNewAsync(Work, "contested.ics", Event("contested", "round start"));

        // Five rounds: each is a fresh race of all eight writers; more rounds only repeat it (and cost seconds on DynamoDB Local).
        for (var round = 0; round < 5; round++)
        {
            var token = await CurrentTokenAsync(Work);
            var held = tag;
            var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
                // Half the writers go through a second handle, as another process would.
                (writer % 2 == 0 ? Store : second).PutObjectAsync(Work.Object("contested.ics"),
                    Event("contested", $"round {round} writer {writer}"), WritePrecondition.IfMatch(held)))));

            var winners = results.Select((result, writer) => (result, writer)).Where(r => r.result.Outcome == StoreOutcome.Updated).ToList();
            Assert.Single(winners);
            Assert.Equal(Writers - 1, results.Count(r => r.Outcome == StoreOutcome.PreconditionFailed));
            var stored = await Store.GetObjectAsync(Work.Object("contested.ics"));
            Assert.Contains($"SUMMARY:round {round} writer {winners[0].writer}\r\n", Text(stored!));
            Assert.Equal(winners[0].result.ETag, stored!.ETag);
            Assert.Equal(token.Sequence + 1, (await CurrentTokenAsync(Work)).Sequence);
            tag = stored.ETag;
        }
    }

    [Fact]
    public async Task Many_writers_on_different_objects_all_succeed_and_each_write_is_logged()
    {
        await CreateAliceWithCalendarsAsync();
        var second = await OpenSecondStoreAsync();
        // 8 x 6 = 48 creates racing on one collection's sequence: enough lost races to exercise the retry path
        // (each writer loses several), without the ~10 s that 8 x 25 took on DynamoDB Local under load.
        const int perWriter = 6;
        var token = await CurrentTokenAsync(Work);

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var store = writer % 2 == 0 ? Store : second;
            var outcomes = new List<StoreOutcome>();
            for (var i = 0; i < perWriter; i++)
            {
                var href = $"w{writer}-{i}.ics";
                outcomes.Add((await store.PutObjectAsync(Work.Object(href), Event("uid-" + href), WritePrecondition.IfNoneMatchAny)).Outcome);
            }

            return outcomes;
        })));

        Assert.All(results.SelectMany(r => r), outcome => Assert.Equal(StoreOutcome.Created, outcome));
        var changes = await AllChangesSinceAsync(Work, token);
        Assert.Equal(Writers * perWriter, changes.Select(c => c.Href).Distinct().Count());
        Assert.Equal(token.Sequence + Writers * perWriter, (await CurrentTokenAsync(Work)).Sequence);
    }

    [Fact]
    public async Task Of_eight_writers_creating_the_same_uid_under_different_names_exactly_one_succeeds()
    {
        await CreateAliceWithCalendarsAsync();
        var second = await OpenSecondStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
            (writer % 2 == 0 ? Store : second).PutObjectAsync(Work.Object($"copy-{writer}.ics"), Event("one-uid"), WritePrecondition.IfNoneMatchAny))));

        var winner = Assert.Single(results, r => r.Outcome == StoreOutcome.Created);
        var winnerHref = await Store.FindHrefByUidAsync(Work, "one-uid");
        Assert.All(results.Where(r => r != winner), r =>
        {
            Assert.Equal(StoreOutcome.UidConflict, r.Outcome);
            Assert.Equal(winnerHref, r.ConflictingHref);
        });
    }
}
