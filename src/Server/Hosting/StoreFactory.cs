using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using AuroraTime.Server.Configuration;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.DynamoDb;
using AuroraTime.Storage.Sqlite;

namespace AuroraTime.Server.Hosting;

/// <summary>
/// Opens the configured store: the embedded SQLite file in the data folder (created when missing), or
/// the DynamoDB table (with S3 for oversized bodies) when <c>Store=dynamodb</c>.
/// </summary>
internal static class StoreFactory
{
    public static async Task<IStore> OpenAsync(AuroraSettings settings, CancellationToken cancellationToken = default)
    {
        var limits = new StoreLimits(MaxObjectSize: checked((int)Math.Min(settings.MaxResourceBytes, int.MaxValue)));
        if (settings.Store.Kind == StoreSettings.DynamoDb)
        {
            return await OpenDynamoDbAsync(settings.Store, limits, cancellationToken);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(settings.DatabasePath)!);
        return await SqliteStore.OpenAsync(new SqliteStoreOptions(settings.DatabasePath, Limits: limits), cancellationToken);
    }

    private static async Task<DynamoDbStore> OpenDynamoDbAsync(StoreSettings settings, StoreLimits limits, CancellationToken cancellationToken)
    {
        var config = new AmazonDynamoDBConfig
        {
            // Standard mode: exponential backoff with jitter for throttling and 5xx (the store retries
            // cancelled transactions itself).
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 5,
        };
        if (settings.DynamoDbRegion is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        AmazonDynamoDBClient client;
        if (settings.DynamoDbServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = settings.DynamoDbRegion ?? "us-east-1";
            // DynamoDB Local accepts any signature; on a loopback endpoint no real credentials are needed.
            client = IsLoopback(serviceUrl) ? new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config) : new AmazonDynamoDBClient(config);
        }
        else
        {
            if (settings.DynamoDbCreateTable)
            {
                throw new InvalidOperationException(
                    "DynamoDb:CreateTable is for DynamoDB Local (set DynamoDb:ServiceUrl); on AWS the SAM template creates the table.");
            }

            client = new AmazonDynamoDBClient(config);
        }

        if (settings.DynamoDbCreateTable)
        {
            await DynamoDbTable.CreateIfMissingAsync(client, settings.DynamoDbTable, cancellationToken);
        }

        IObjectSpillStore? spill = null;
        if (settings.SpillBucket is { } bucket)
        {
            var s3Config = new AmazonS3Config { RetryMode = RequestRetryMode.Standard };
            if (settings.DynamoDbRegion is { } s3Region)
            {
                s3Config.RegionEndpoint = RegionEndpoint.GetBySystemName(s3Region);
            }

            spill = new S3ObjectSpillStore(new AmazonS3Client(s3Config), bucket);
        }

        return new DynamoDbStore(new DynamoDbStoreOptions(client, settings.DynamoDbTable, Limits: limits, Spill: spill, OwnsClients: true));
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
