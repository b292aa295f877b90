using Amazon.DynamoDBv2;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.DynamoDb;

/// <param name="Client">The DynamoDB client (configure the SDK's retry mode on it; the store adds its own
/// retries for transaction conflicts and throttled transactions).</param>
/// <param name="TableName">The single table (see <see cref="DynamoDbTable"/>).</param>
/// <param name="Spill">Where bodies too large for an item go; null refuses such bodies with an exception.</param>
/// <param name="MaxAttempts">How often one write is tried when other writers or throttling get in the way.</param>
/// <param name="OwnsClients">Dispose the client (and nothing else) with the store.</param>
public sealed record DynamoDbStoreOptions(
    IAmazonDynamoDB Client,
    string TableName,
    TimeProvider? Clock = null,
    StoreLimits? Limits = null,
    IObjectSpillStore? Spill = null,
    int MaxAttempts = 60,
    bool OwnsClients = false);
