using Amazon.DynamoDBv2;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.DynamoDb;
using AuroraTime.Storage.Tests.Contract;

namespace AuroraTime.Storage.Tests.DynamoDb;

/// <summary>An empty table on DynamoDB Local per test (rented from a pool of emptied ones); every store handle has its own client. The table is emptied and given back afterwards.</summary>
public sealed class DynamoDbStoreFixture(DynamoDbLocal local, IObjectSpillStore? spill = null, Func<IAmazonDynamoDB, IAmazonDynamoDB>? wrap = null) : IStoreFixture
{
    private readonly List<IAmazonDynamoDB> _clients = [];
    private string? _table;

    /// <summary>The table, created by the first <see cref="OpenStoreAsync"/>.</summary>
    public string TableName => _table ?? throw new InvalidOperationException("No store opened yet.");

    public async Task<IStore> OpenStoreAsync(TimeProvider clock)
    {
        _table ??= await local.RentTableAsync();
        var client = local.CreateClient();
        _clients.Add(client);
        return new DynamoDbStore(new DynamoDbStoreOptions(wrap?.Invoke(client) ?? client, _table, clock, Spill: spill));
    }

    public async ValueTask DisposeAsync()
    {
        if (_table is not null && _clients.Count > 0)
        {
            await local.ReturnTableAsync(_table);
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
