using AuroraTime.Storage.Tests.Contract;

namespace AuroraTime.Storage.Tests.Sqlite;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override IStoreFixture CreateFixture() => new SqliteStoreFixture();
}
