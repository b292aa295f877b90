using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// Retries what DynamoDB asks callers to retry: throttling (ProvisionedThroughputExceeded,
/// RequestLimitExceeded, ThrottlingException), TransactionConflict (another transaction holds one of
/// the items, documented as retryable) and 5xx, with capped exponential backoff and full jitter. The
/// SDK's own retry mode handles plain requests too; transactions cancelled for these reasons arrive as
/// TransactionCanceledException, which only this layer can tell apart from a failed condition.
/// </summary>
internal static class DynamoDbRetry
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    private static readonly HashSet<string> RetryableReasonCodes = new(StringComparer.Ordinal)
    {
        "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded",
    };

    public static async Task<T> RunAsync<T>(Func<Task<T>> operation, int maxAttempts, CancellationToken cancellationToken, Func<int, TimeSpan>? delay = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < maxAttempts && IsRetryable(e))
            {
                await Task.Delay((delay ?? Backoff)(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Full jitter: a random wait below min(max, base * 2^attempt).</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    public static bool IsRetryable(Exception exception) => exception switch
    {
        TransactionCanceledException cancelled => IsRetryableCancellation(cancelled.CancellationReasons),
        ProvisionedThroughputExceededException or RequestLimitExceededException or TransactionConflictException
            or InternalServerErrorException or TransactionInProgressException => true,
        AmazonServiceException service => service.ErrorCode is "ThrottlingException" or "Throttling"
                                          || (int)service.StatusCode >= 500,
        _ => false,
    };

    /// <summary>True when no condition failed and at least one item was refused for a retryable reason.</summary>
    public static bool IsRetryableCancellation(IReadOnlyList<CancellationReason>? reasons) =>
        reasons is { Count: > 0 }
        && reasons.All(r => r.Code is null or "None" || RetryableReasonCodes.Contains(r.Code))
        && reasons.Any(r => r.Code is not null && RetryableReasonCodes.Contains(r.Code));
}
