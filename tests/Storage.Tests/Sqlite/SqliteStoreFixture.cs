using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using AuroraTime.Storage.Tests.Contract;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>A real SQLite file in its own temporary folder, deleted afterwards.</summary>
public sealed class SqliteStoreFixture : IStoreFixture
{
    public SqliteStoreFixture()
    {
        Folder = Directory.CreateTempSubdirectory("aurora-store-").FullName;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "aurora.db");

    public async Task<IStore> OpenStoreAsync(TimeProvider clock) =>
        await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath, clock));

    public ValueTask DisposeAsync()
    {
        // Connections are closed with the stores (non-pooled), so the files can go.
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
