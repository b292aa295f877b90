using Amazon.DynamoDBv2;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.DynamoDb;
using AuroraTime.Storage.Tests.Contract;

namespace AuroraTime.Storage.Tests.DynamoDb;

/// <summary>A fresh table on DynamoDB Local per test; every store handle has its own client. The table is deleted afterwards.</summary>
public sealed class DynamoDbStoreFixture(DynamoDbLocal local, IObjectSpillStore? spill = null, Func<IAmazonDynamoDB, IAmazonDynamoDB>? wrap = null) : IStoreFixture
{
    private readonly List<IAmazonDynamoDB> _clients = [];
    private string? _table;

    /// <summary>The table, created by the first <see cref="OpenStoreAsync"/>.</summary>
    public string TableName => _table ?? throw new InvalidOperationException("No store opened yet.");

    public async Task<IStore> OpenStoreAsync(TimeProvider clock)
    {
        _table ??= await local.CreateTableAsync();
        var client = local.CreateClient();
        _clients.Add(client);
        return new DynamoDbStore(new DynamoDbStoreOptions(wrap?.Invoke(client) ?? client, _table, clock, Spill: spill));
    }

    public async ValueTask DisposeAsync()
    {
        if (_table is not null && _clients.Count > 0)
        {
            await _clients[0].DeleteTableAsync(_table);
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
