using AuroraTime.Server.Configuration;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;

namespace AuroraTime.Server.Hosting;

/// <summary>Opens the embedded SQLite store in the configured data folder, creating the folder when missing.</summary>
internal static class StoreFactory
{
    public static async Task<SqliteStore> OpenAsync(AuroraSettings settings, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(settings.DatabasePath)!);
        var limits = new StoreLimits(MaxObjectSize: checked((int)Math.Min(settings.MaxResourceBytes, int.MaxValue)));
        return await SqliteStore.OpenAsync(new SqliteStoreOptions(settings.DatabasePath, Limits: limits), cancellationToken);
    }
}
