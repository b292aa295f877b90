using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.DynamoDb;

namespace AuroraTime.Storage.Tests.DynamoDb;

// How a cancelled TransactWriteItems becomes a domain result or a retry. DynamoDB returns one
// CancellationReason per item in request order, with the old item for failed conditions when asked
// (ReturnValuesOnConditionCheckFailure = ALL_OLD).
public sealed class DynamoDbFailureMappingTests
{
    private static CancellationReason Reason(string code, string? holderHref = null) => new()
    {
        Code = code,
        Item = holderHref is null ? null : new Dictionary<string, AttributeValue> { ["href"] = new() { S = holderHref } },
    };

    private static readonly WriteRole[] PutRoles = [WriteRole.State, WriteRole.UidClaim, WriteRole.NoCollectionThere, WriteRole.State, WriteRole.State];

    [Fact]
    public void A_failed_uid_claim_is_a_uid_conflict_naming_the_holder()
    {
        var failure = TransactionFailure.From(
            [Reason("None"), Reason("ConditionalCheckFailed", "first.ics"), Reason("None"), Reason("None"), Reason("None")], PutRoles);

        var result = DynamoDbStore.UidConflictOrAlreadyExists(failure);

        Assert.Equal(WriteResult.UidConflictWith("first.ics"), result);
    }

    [Fact]
    public void A_collection_in_the_way_is_AlreadyExists()
    {
        var failure = TransactionFailure.From(
            [Reason("None"), Reason("None"), Reason("ConditionalCheckFailed"), Reason("None"), Reason("None")], PutRoles);

        Assert.Equal(WriteResult.Of(StoreOutcome.AlreadyExists), DynamoDbStore.UidConflictOrAlreadyExists(failure));
    }

    [Fact]
    public void A_changed_object_or_sequence_means_lost_race_and_a_fresh_decision()
    {
        var objectChanged = TransactionFailure.From(
            [Reason("ConditionalCheckFailed"), Reason("None"), Reason("None"), Reason("ConditionalCheckFailed"), Reason("None")], PutRoles);

        Assert.Null(DynamoDbStore.UidConflictOrAlreadyExists(objectChanged));
    }

    [Theory]
    [InlineData(nameof(WriteRole.AccountExists), StoreOutcome.NotFound)]
    [InlineData(nameof(WriteRole.NewRecord), StoreOutcome.AlreadyExists)]
    public void Create_only_records_map_their_failed_check(string failedRoleName, StoreOutcome expected)
    {
        var failedRole = Enum.Parse<WriteRole>(failedRoleName);
        WriteRole[] roles = [WriteRole.AccountExists, WriteRole.NewRecord];
        var reasons = roles.Select(role => Reason(role == failedRole ? "ConditionalCheckFailed" : "None")).ToList();

        Assert.Equal(expected, DynamoDbStore.NewRecordOutcome(TransactionFailure.From(reasons, roles)));
        Assert.Equal(StoreOutcome.Created, DynamoDbStore.NewRecordOutcome(null));
    }

    [Theory]
    [InlineData(new[] { "None", "TransactionConflict" }, true)]
    [InlineData(new[] { "ThrottlingError", "None" }, true)]
    [InlineData(new[] { "ProvisionedThroughputExceeded" }, true)]
    [InlineData(new[] { "TransactionConflict", "ConditionalCheckFailed" }, false)]
    [InlineData(new[] { "ValidationError" }, false)]
    [InlineData(new[] { "None", "None" }, false)]
    public void Only_conflicts_and_throttling_without_a_failed_condition_are_retried_as_they_are(string[] codes, bool retryable)
    {
        var reasons = codes.Select(code => Reason(code)).ToList();

        Assert.Equal(retryable, DynamoDbRetry.IsRetryableCancellation(reasons));
        Assert.Equal(retryable, DynamoDbRetry.IsRetryable(new TransactionCanceledException("cancelled") { CancellationReasons = reasons }));
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_until_the_call_succeeds()
    {
        var calls = 0;
        var delays = new List<int>();

        var result = await DynamoDbRetry.RunAsync(() =>
        {
            calls++;
            return calls <= 2
                ? Task.FromException<string>(new ProvisionedThroughputExceededException("slow down"))
                : Task.FromResult("done");
        }, maxAttempts: 5, CancellationToken.None, attempt =>
        {
            delays.Add(attempt);
            return TimeSpan.Zero;
        });

        Assert.Equal("done", result);
        Assert.Equal(3, calls);
        Assert.Equal([1, 2], delays);
    }

    [Fact]
    public async Task Retries_stop_at_the_attempt_limit_and_other_errors_are_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<RequestLimitExceededException>(() => DynamoDbRetry.RunAsync(() =>
        {
            calls++;
            return Task.FromException<int>(new RequestLimitExceededException("limit"));
        }, maxAttempts: 3, CancellationToken.None, _ => TimeSpan.Zero));
        Assert.Equal(3, calls);

        calls = 0;
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => DynamoDbRetry.RunAsync(() =>
        {
            calls++;
            return Task.FromException<int>(new ResourceNotFoundException("no table"));
        }, maxAttempts: 3, CancellationToken.None, _ => TimeSpan.Zero));
        Assert.Equal(1, calls);
    }
}
