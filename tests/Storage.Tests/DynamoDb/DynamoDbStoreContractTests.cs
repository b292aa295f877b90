using AuroraTime.Storage.Tests.Contract;

namespace AuroraTime.Storage.Tests.DynamoDb;

/// <summary>The unchanged contract suite against DynamoDB Local.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbStoreContractTests(DynamoDbLocal local) : StoreContractTests
{
    protected override IStoreFixture CreateFixture() => new DynamoDbStoreFixture(local);
}
