using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Hosting;

/// <summary>
/// Which store backend serves the data (key <c>Store</c>: <c>sqlite</c>, the default, or <c>dynamodb</c>)
/// and, for DynamoDB, where (keys under <c>DynamoDb:</c>, see CONFIGURATION.md).
/// </summary>
public sealed record StoreSettings
{
    public const string Sqlite = "sqlite";
    public const string DynamoDb = "dynamodb";

    /// <summary>Key <c>Store</c>.</summary>
    public string Kind { get; init; } = Sqlite;

    /// <summary>Key <c>DynamoDb:Table</c>: the single table.</summary>
    public string DynamoDbTable { get; init; } = "aurora";

    /// <summary>Key <c>DynamoDb:Region</c>: AWS region; unset = the SDK's default chain (AWS_REGION on Lambda).</summary>
    public string? DynamoDbRegion { get; init; }

    /// <summary>Key <c>DynamoDb:ServiceUrl</c>: another endpoint, e.g. DynamoDB Local on http://127.0.0.1:8000.</summary>
    public string? DynamoDbServiceUrl { get; init; }

    /// <summary>Key <c>DynamoDb:CreateTable</c>: create the table at start when missing (only with a ServiceUrl, i.e. DynamoDB Local).</summary>
    public bool DynamoDbCreateTable { get; init; }

    /// <summary>Key <c>DynamoDb:SpillBucket</c>: S3 bucket for bodies too large for an item even compressed; unset refuses them.</summary>
    public string? SpillBucket { get; init; }

    public static StoreSettings From(IConfiguration configuration)
    {
        var defaults = new StoreSettings();
        var kind = (NonEmpty(configuration["Store"]) ?? defaults.Kind).ToLowerInvariant();
        if (kind is not (Sqlite or DynamoDb))
        {
            throw new InvalidOperationException($"Setting Store: '{configuration["Store"]}' is not a store; use '{Sqlite}' or '{DynamoDb}'.");
        }

        return new StoreSettings
        {
            Kind = kind,
            DynamoDbTable = NonEmpty(configuration["DynamoDb:Table"]) ?? defaults.DynamoDbTable,
            DynamoDbRegion = NonEmpty(configuration["DynamoDb:Region"]),
            DynamoDbServiceUrl = NonEmpty(configuration["DynamoDb:ServiceUrl"]),
            DynamoDbCreateTable = configuration.GetValue("DynamoDb:CreateTable", false),
            SpillBucket = NonEmpty(configuration["DynamoDb:SpillBucket"]),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
