using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// The single table's shape: generic string keys PK/SK, one global index GSI1 (account list, feed links
/// per account, due reminders) and two local indexes on the member partitions: <see cref="BySequence"/>
/// (the change log in sequence order) and <see cref="ByLast"/> (the time-range prefilter). Local indexes
/// are chosen for those two because they allow strongly consistent reads; their price is a 10 GB limit
/// per partition, i.e. per collection incarnation. See ../DynamoDbMapping.md.
/// </summary>
public static class DynamoDbTable
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string Gsi1 = "GSI1";
    public const string Gsi1PartitionKey = "GSI1PK";
    public const string Gsi1SortKey = "GSI1SK";
    public const string BySequence = "BySequence";
    public const string SequenceAttribute = "cseq";
    public const string ByLast = "ByLast";
    public const string RangeLastAttribute = "rlast";
    public const string RangeFirstAttribute = "rfirst";
    public const string ComponentAttribute = "comp";

    /// <summary>The CreateTable request for an on-demand table of this shape (the SAM template declares the same).</summary>
    public static CreateTableRequest Describe(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(Gsi1PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(Gsi1SortKey, ScalarAttributeType.S),
            new AttributeDefinition(SequenceAttribute, ScalarAttributeType.N),
            new AttributeDefinition(RangeLastAttribute, ScalarAttributeType.N),
        ],
        KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = Gsi1,
                KeySchema = [new KeySchemaElement(Gsi1PartitionKey, KeyType.HASH), new KeySchemaElement(Gsi1SortKey, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
        LocalSecondaryIndexes =
        [
            new LocalSecondaryIndex
            {
                IndexName = BySequence,
                KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SequenceAttribute, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
            new LocalSecondaryIndex
            {
                IndexName = ByLast,
                KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(RangeLastAttribute, KeyType.RANGE)],
                // Only what the prefilter tests: candidates are then read in full by key.
                Projection = new Projection { ProjectionType = ProjectionType.INCLUDE, NonKeyAttributes = [RangeFirstAttribute, ComponentAttribute] },
            },
        ],
    };

    /// <summary>
    /// Creates the table when it does not exist and waits until it is active (development and DynamoDB
    /// Local; on AWS the SAM template creates it). Returns false when it already existed.
    /// </summary>
    public static async Task<bool> CreateIfMissingAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        try
        {
            await client.CreateTableAsync(Describe(tableName), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            return false;
        }

        for (var attempt = 0; attempt < 600; attempt++)
        {
            var described = await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Table {tableName} did not become active within a minute.");
    }
}
