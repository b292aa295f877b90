using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Sqlite;

/// <param name="DatabasePath">The SQLite file; created with its schema when missing.</param>
/// <param name="Clock">Source of created/modified times; <see cref="TimeProvider.System"/> when null.</param>
/// <param name="BusyTimeout">How long a writer waits for another process's write transaction.</param>
public sealed record SqliteStoreOptions(
    string DatabasePath,
    TimeProvider? Clock = null,
    StoreLimits? Limits = null,
    TimeSpan? BusyTimeout = null);
