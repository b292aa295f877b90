using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.DynamoDb;
using AuroraTime.Storage.Tests.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.DynamoDb;

// What only the DynamoDB backend has: transactions that lose races, throttling, the 400 KB item limit.
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbStoreTests(DynamoDbLocal local) : IAsyncLifetime
{
    private static readonly CollectionRef Work = new("alice", "work");
    private readonly ManualClock _clock = new(Instant.FromUtc(2026, 1, 5, 9, 0));
    private readonly List<DynamoDbStoreFixture> _fixtures = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var fixture in _fixtures)
        {
            await fixture.DisposeAsync();
        }
    }

    private async Task<(IStore Store, DynamoDbStoreFixture Fixture)> OpenAsync(IObjectSpillStore? spill = null, Func<IAmazonDynamoDB, IAmazonDynamoDB>? wrap = null)
    {
        var fixture = new DynamoDbStoreFixture(local, spill, wrap);
        _fixtures.Add(fixture);
        var store = await fixture.OpenStoreAsync(_clock);
        Assert.Equal(StoreOutcome.Created, await store.CreateAccountAsync("alice", "hash", AccountSettings.Default));
        Assert.Equal(StoreOutcome.Created, await store.CreateCollectionAsync(Work, CollectionKind.Calendar, CollectionProperties.Empty));
        return (store, fixture);
    }

    private static ObjectContent Calendar(string uid, string summary, int padding = 0) => new(Encoding.UTF8.GetBytes(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime//DynamoDB tests//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n" +
        string.Concat(Enumerable.Range(0, padding).Select(i => $"COMMENT:line {i} of a long agenda\r\n")) +
        "END:VEVENT\r\nEND:VCALENDAR\r\n"), "text/calendar", uid, "VEVENT");

    private async Task<Dictionary<string, AttributeValue>> RawObjectItemAsync(DynamoDbStoreFixture fixture, IStore store, string href)
    {
        using var client = local.CreateClient();
        var incarnation = (await store.GetCollectionAsync(Work))!.SyncToken.Incarnation;
        var response = await client.GetItemAsync(fixture.TableName, new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = "COL#" + incarnation },
            ["SK"] = new() { S = "OBJ#" + href },
        });
        return response.Item;
    }

    // RFC 9110 section 13.1: of two writers holding the same ETag, one wins; the other must not
    // overwrite it. Here the writers are separate clients, as two Lambda instances would be.
    [DynamoDbLocalFact]
    public async Task Two_writers_on_separate_clients_with_the_same_if_match_one_wins_and_the_loser_leaves_no_trace()
    {
        var (store, fixture) = await OpenAsync();
        var other = await fixture.OpenStoreAsync(_clock);
        var tag = (await store.PutObjectAsync(Work.Object("a.ics"), Calendar("a", "v0"), WritePrecondition.IfNoneMatchAny)).ETag!.Value;

        for (var round = 1; round <= 5; round++)
        {
            var before = (await store.GetCollectionAsync(Work))!.SyncToken;
            var held = tag;
            var results = await Task.WhenAll(
                Task.Run(() => store.PutObjectAsync(Work.Object("a.ics"), Calendar("a", $"round {round} first"), WritePrecondition.IfMatch(held))),
                Task.Run(() => other.PutObjectAsync(Work.Object("a.ics"), Calendar("a", $"round {round} second"), WritePrecondition.IfMatch(held))));

            var winner = Assert.Single(results, r => r.Outcome == StoreOutcome.Updated);
            Assert.Single(results, r => r.Outcome == StoreOutcome.PreconditionFailed);
            var changes = await store.GetChangesAsync(Work, before, 10);
            Assert.Equal([new MemberChange("a.ics", false)], changes.Changes);
            Assert.Equal(before.Sequence + 1, changes.Token!.Value.Sequence);
            tag = winner.ETag!.Value;
            Assert.Equal(tag, (await store.GetObjectAsync(Work.Object("a.ics")))!.ETag);
        }
    }

    [DynamoDbLocalFact]
    public async Task A_throttled_then_conflicting_transaction_is_retried_and_commits_exactly_once()
    {
        var (_, fixture) = await OpenAsync();
        using var client = local.CreateClient();
        // The next two transactions are refused as DynamoDB refuses them under load, then let through.
        var (wrapped, faults) = FaultInjectingDynamoDb.Wrap(client, nameof(IAmazonDynamoDB.TransactWriteItemsAsync),
            new ProvisionedThroughputExceededException("Rate of requests exceeds the allowed throughput."),
            new TransactionCanceledException("Transaction cancelled") { CancellationReasons = [new() { Code = "TransactionConflict" }] });
        await using var store = new DynamoDbStore(new DynamoDbStoreOptions(wrapped, fixture.TableName, _clock));
        var token = (await store.GetCollectionAsync(Work))!.SyncToken;

        var result = await store.PutObjectAsync(Work.Object("a.ics"), Calendar("a", "after throttling"), WritePrecondition.IfNoneMatchAny);

        Assert.Equal(StoreOutcome.Created, result.Outcome);
        Assert.Equal(3, faults.Calls);
        Assert.Equal(0, faults.FaultsLeft);
        var changes = await store.GetChangesAsync(Work, token, 10);
        Assert.Equal([new MemberChange("a.ics", false)], changes.Changes);
        Assert.Equal(token.Sequence + 1, changes.Token!.Value.Sequence);
    }

    [DynamoDbLocalFact]
    public async Task A_calendar_over_the_inline_limit_is_stored_compressed_in_its_item_and_reads_back_exactly()
    {
        var (store, fixture) = await OpenAsync();
        var big = Calendar("big", "long agenda", padding: 20_000);
        Assert.True(big.Data.Length > 400 * 1024);

        var result = await store.PutObjectAsync(Work.Object("big.ics"), big, WritePrecondition.None);

        Assert.Equal(StoreOutcome.Created, result.Outcome);
        Assert.Equal(ETag.FromContent(big.Data.Span), result.ETag);
        var raw = await RawObjectItemAsync(fixture, store, "big.ics");
        Assert.Equal("br", raw["enc"].S);
        Assert.True(raw["data"].B.Length < 400 * 1024);
        Assert.False(raw.ContainsKey("s3key"));
        var stored = await store.GetObjectAsync(Work.Object("big.ics"));
        Assert.Equal(big.Data.ToArray(), stored!.Data.ToArray());
        Assert.Equal(big.Data.Length, stored.Summary.Size);
    }

    [DynamoDbLocalFact]
    public async Task An_incompressible_body_spills_to_the_spill_store_and_its_copy_and_removal_follow_the_item()
    {
        var spill = new InMemorySpillStore();
        var (store, fixture) = await OpenAsync(spill);
        var noise = new byte[1024 * 1024];
        new Random(42).NextBytes(noise);
        var content = new ObjectContent(noise, "application/octet-stream");

        Assert.Equal(StoreOutcome.Created, (await store.PutObjectAsync(Work.Object("noise.bin"), content, WritePrecondition.None)).Outcome);

        var raw = await RawObjectItemAsync(fixture, store, "noise.bin");
        Assert.False(raw.ContainsKey("data"));
        var (key, (_, tag)) = Assert.Single(spill.Objects);
        Assert.Equal(key, raw["s3key"].S);
        Assert.Equal(tag, raw["s3etag"].S);
        Assert.Equal(noise, (await store.GetObjectAsync(Work.Object("noise.bin")))!.Data.ToArray());

        // A copy owns its own spilled body, so deleting the original leaves the copy readable.
        Assert.Equal(StoreOutcome.Created, (await store.CopyObjectAsync(Work.Object("noise.bin"), Work.Object("copy.bin"), WritePrecondition.None)).Outcome);
        Assert.Equal(2, spill.Objects.Count);
        Assert.Equal(StoreOutcome.Ok, (await store.DeleteObjectAsync(Work.Object("noise.bin"), WritePrecondition.None)).Outcome);
        Assert.Single(spill.Objects);
        Assert.Equal(noise, (await store.GetObjectAsync(Work.Object("copy.bin")))!.Data.ToArray());

        // Rewriting with a small body drops the spilled one.
        await store.PutObjectAsync(Work.Object("copy.bin"), new ObjectContent("small"u8.ToArray(), "text/plain"), WritePrecondition.None);
        Assert.Empty(spill.Objects);
    }

    [DynamoDbLocalFact]
    public async Task Without_a_spill_store_a_body_too_large_for_an_item_is_refused_before_anything_is_written()
    {
        var (store, _) = await OpenAsync();
        var noise = new byte[600 * 1024];
        new Random(7).NextBytes(noise);
        var token = (await store.GetCollectionAsync(Work))!.SyncToken;

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.PutObjectAsync(Work.Object("noise.bin"), new ObjectContent(noise, "application/octet-stream"), WritePrecondition.None));

        Assert.Null(await store.GetObjectAsync(Work.Object("noise.bin")));
        Assert.Equal(token, (await store.GetCollectionAsync(Work))!.SyncToken);
    }

    [DynamoDbLocalFact]
    public async Task An_account_whose_deletion_was_interrupted_stays_gone_and_is_swept_when_the_name_is_taken_again()
    {
        var (store, fixture) = await OpenAsync();
        await store.PutObjectAsync(Work.Object("a.ics"), Calendar("a", "left over"), WritePrecondition.None);
        Assert.Equal(StoreOutcome.Created, await store.CreateFeedLinkAsync("token-1", "alice", "work", FeedScope.Full));
        // What DeleteAccountAsync leaves when the process dies right after its first step: the tombstone.
        using (var client = local.CreateClient())
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = fixture.TableName,
                Key = new() { ["PK"] = new() { S = "ACC#alice" }, ["SK"] = new() { S = "ACC" } },
                UpdateExpression = "SET deleting = :true REMOVE GSI1PK, GSI1SK",
                ExpressionAttributeValues = new() { [":true"] = new() { BOOL = true } },
            });
        }

        Assert.Null(await store.GetAccountAsync("alice"));
        Assert.Empty((await store.ListAccountsAsync(PageRequest.First(10))).Items);
        Assert.Equal(StoreOutcome.NotFound, await store.CreateCollectionAsync(new CollectionRef("alice", "late"), CollectionKind.Calendar, CollectionProperties.Empty));
        Assert.Equal(StoreOutcome.NotFound, await store.AddAppPasswordAsync("alice", "phone", "Phone", "hash"));

        Assert.Equal(StoreOutcome.Created, await store.CreateAccountAsync("alice", "new-hash", AccountSettings.Default));

        Assert.Null(await store.GetCollectionAsync(Work));
        Assert.Null(await store.GetFeedLinkAsync("token-1"));
        Assert.Empty((await store.ListCollectionsAsync("alice", null, PageRequest.First(10))).Items);
        Assert.Equal("new-hash", (await store.GetAccountAsync("alice"))!.PasswordHash);
    }

    [DynamoDbLocalFact]
    public async Task A_delivery_claim_that_keeps_losing_its_transaction_is_a_store_busy_error_the_server_maps_to_503()
    {
        var (store, fixture) = await OpenAsync();
        var put = await store.PutObjectAsync(Work.Object("a.ics"), Calendar("a", "alarm"), WritePrecondition.IfNoneMatchAny);
        var due = Instant.FromUtc(2026, 1, 5, 8, 45);
        await store.ReplacePendingRemindersAsync(Work.Object("a.ics"), put.ETag!.Value, [new PendingReminder("k", due)]);
        using var client = local.CreateClient();
        // Items: account check, sent log, planned firing delete, object check, delivery put. The firing's
        // condition fails each time (another scheduler got there): re-read, try again, give up after MaxAttempts.
        static TransactionCanceledException Lost() => new("Transaction cancelled")
        {
            CancellationReasons = [new() { Code = "None" }, new() { Code = "None" }, new() { Code = "ConditionalCheckFailed" }, new() { Code = "None" }, new() { Code = "None" }],
        };
        var (wrapped, faults) = FaultInjectingDynamoDb.Wrap(client, nameof(IAmazonDynamoDB.TransactWriteItemsAsync), Lost(), Lost());
        await using var contended = new DynamoDbStore(new DynamoDbStoreOptions(wrapped, fixture.TableName, _clock, MaxAttempts: 2));

        var error = await Assert.ThrowsAnyAsync<StoreBusyException>(() =>
            contended.ClaimForDeliveryAsync(new DueReminder(Work.Object("a.ics"), "k", due), "key", due));

        Assert.IsType<DynamoDbContentionException>(error);
        Assert.Equal(2, faults.Calls);
        Assert.Single(await store.GetPendingRemindersAsync(Work.Object("a.ics")));
        var deliveries = (IReminderDeliveryStore)store;
        Assert.Null(await deliveries.NextDeliveryAttemptAsync());
        Assert.Equal(StoreOutcome.Created, await deliveries.ClaimForDeliveryAsync(new DueReminder(Work.Object("a.ics"), "k", due), "key", due));
    }
}
