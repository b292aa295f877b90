using System.Collections.Immutable;
using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string CollectionColumns =
        "path, kind, display_name, description, color, sort_order, time_zone, components, created_at, incarnation, sync_sequence";

    /// <summary>The parts of a collection row that writes and the change log need.</summary>
    private sealed record CollectionRow(long Id, CollectionKind Kind, string Incarnation, long Sequence, long PruneFloor);

    public Task<StoreOutcome> CreateCollectionAsync(CollectionRef collection, CollectionKind kind, CollectionProperties properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(properties);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown collection kind.");
        }

        return WriteAsync(session =>
        {
            if (!AccountExists(session, collection.UserName))
            {
                return StoreOutcome.NotFound;
            }

            CollectionRow? parent = null;
            if (collection.ParentPath is { } parentPath)
            {
                parent = FindCollection(session, collection.UserName, parentPath);
                if (parent is null)
                {
                    return StoreOutcome.ParentNotFound;
                }

                if (FindObjectTag(session, parent.Id, collection.Name) is not null)
                {
                    return StoreOutcome.AlreadyExists;
                }
            }

            var inserted = session.Command(
                    "INSERT INTO collections (user_name, path, parent_path, incarnation, kind, display_name, description, color, " +
                    "sort_order, time_zone, components, created_at) VALUES ($user, $path, $parent, $incarnation, $kind, $name, " +
                    "$description, $color, $order, $zone, $components, $now) ON CONFLICT (user_name, path) DO NOTHING")
                .With("$user", collection.UserName).With("$path", collection.Path).With("$parent", collection.ParentPath ?? "")
                .With("$incarnation", Guid.NewGuid().ToString("N")).With("$kind", (int)kind)
                .With("$name", properties.DisplayName).With("$description", properties.Description).With("$color", properties.Color)
                .With("$order", properties.Order).With("$zone", properties.TimeZone)
                .With("$components", string.Join(',', properties.SupportedComponents)).With("$now", NowTicks)
                .ExecuteNonQuery();
            if (inserted == 0)
            {
                return StoreOutcome.AlreadyExists;
            }

            if (parent is not null)
            {
                AppendChange(session, parent.Id, collection.Name + "/", deleted: false);
            }

            return StoreOutcome.Created;
        }, cancellationToken);
    }

    public Task<StoredCollection?> GetCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return CachedRowAsync(new ReadKey(ReadKind.Collection, collection.UserName, collection.Path),
            session => session.Command($"SELECT {CollectionColumns} FROM collections WHERE user_name = $user AND path = $path")
                .With("$user", collection.UserName).With("$path", collection.Path), reader => ReadCollection(reader, collection.UserName),
            null, cancellationToken);
    }

    public Task<Page<StoredCollection>> ListCollectionsAsync(string userName, string? parentPath, PageRequest page, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        if (parentPath is not null && !ResourceNames.IsValidCollectionPath(parentPath))
        {
            throw new ArgumentException($"Invalid collection path '{parentPath}'.", nameof(parentPath));
        }

        return ReadPageAsync(page, session => session.Command(
                $"SELECT {CollectionColumns} FROM collections WHERE user_name = $user AND parent_path = $parent AND path > $after " +
                "ORDER BY path LIMIT $limit")
            .With("$user", userName).With("$parent", parentPath ?? ""), r => ReadCollection(r, userName), c => c.Ref.Path,
            cancellationToken);
    }

    public Task<StoreOutcome> UpdateCollectionPropertiesAsync(CollectionRef collection, CollectionProperties properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(properties);
        return WriteAsync(session => OkIfOneRow(session.Command(
                "UPDATE collections SET display_name = $name, description = $description, color = $color, sort_order = $order, " +
                "time_zone = $zone, components = $components WHERE user_name = $user AND path = $path")
            .With("$user", collection.UserName).With("$path", collection.Path)
            .With("$name", properties.DisplayName).With("$description", properties.Description).With("$color", properties.Color)
            .With("$order", properties.Order).With("$zone", properties.TimeZone)
            .With("$components", string.Join(',', properties.SupportedComponents))
            .ExecuteNonQuery()), cancellationToken);
    }

    public Task<StoreOutcome> DeleteCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default, ICollection<DueReminder>? clearedReminders = null)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return WriteAsync(session =>
        {
            // The collection and every nested one: paths equal to it or starting with "path/".
            // '0' is the character after '/', so [path/, path0) is exactly that prefix range on the index.
            const string Subtree = "user_name = $user AND (path = $path OR (path >= $path || '/' AND path < $path || '0'))";
            if (clearedReminders is not null)
            {
                ReadSubtreeReminders(session, collection, clearedReminders);
            }

            var deleted = session.Command($"DELETE FROM collections WHERE {Subtree}")
                .With("$user", collection.UserName).With("$path", collection.Path).ExecuteNonQuery();
            if (deleted == 0)
            {
                return StoreOutcome.NotFound;
            }

            if (collection.ParentPath is { } parentPath && FindCollection(session, collection.UserName, parentPath) is { } parent)
            {
                AppendChange(session, parent.Id, collection.Name + "/", deleted: true);
            }

            return StoreOutcome.Ok;
        }, cancellationToken);
    }

    /// <summary>
    /// Adds the planned firings of every object in the collection's tree to <paramref name="into"/>, each with
    /// its own collection and href: read in the caller's transaction, before a delete's cascade removes them.
    /// </summary>
    private static void ReadSubtreeReminders(SqliteSession session, CollectionRef collection, ICollection<DueReminder> into)
    {
        using var reader = session.Command(
                "SELECT c.path, o.href, r.alarm_key, r.due_at FROM pending_reminders r JOIN objects o ON o.id = r.object_id " +
                $"JOIN collections c ON c.id = o.collection_id WHERE o.collection_id IN (SELECT id FROM collections WHERE {SubtreeFilter})")
            .WithCollection(collection).ExecuteReader();
        while (reader.Read())
        {
            var resource = new CollectionRef(collection.UserName, reader.GetString(0)).Object(reader.GetString(1));
            into.Add(new DueReminder(resource, reader.GetString(2), ToInstant(reader.GetInt64(3))));
        }
    }

    private static CollectionRow? FindCollection(SqliteSession session, string userName, string path)
    {
        using var reader = session.Command(
                "SELECT id, kind, incarnation, sync_sequence, prune_floor FROM collections WHERE user_name = $user AND path = $path")
            .With("$user", userName).With("$path", path).ExecuteReader();
        return reader.Read()
            ? new CollectionRow(reader.GetInt64(0), (CollectionKind)reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4))
            : null;
    }

    /// <summary>
    /// Records the member's latest state in the collection's log under the next sequence number.
    /// Runs inside the caller's write transaction, so the entry commits or rolls back with the write.
    /// </summary>
    private void AppendChange(SqliteSession session, long collectionId, string href, bool deleted)
    {
        var sequence = (long)session.Command(
                "UPDATE collections SET sync_sequence = sync_sequence + 1 WHERE id = $id RETURNING sync_sequence")
            .With("$id", collectionId).ExecuteScalar()!;
        session.Command(
                "INSERT INTO changes (collection_id, href, sequence, deleted, changed_at) VALUES ($id, $href, $sequence, $deleted, $now) " +
                "ON CONFLICT (collection_id, href) DO UPDATE SET sequence = excluded.sequence, deleted = excluded.deleted, changed_at = excluded.changed_at")
            .With("$id", collectionId).With("$href", href).With("$sequence", sequence).With("$deleted", deleted).With("$now", NowTicks)
            .ExecuteNonQuery();
    }

    private static StoredCollection ReadCollection(SqliteDataReader reader, string userName)
    {
        var components = reader.GetString(7);
        var properties = new CollectionProperties(
            DisplayName: reader.GetNullableString(2),
            Description: reader.GetNullableString(3),
            Color: reader.GetNullableString(4),
            Order: reader.IsDBNull(5) ? null : reader.GetInt32(5),
            TimeZone: reader.GetNullableString(6),
            SupportedComponents: components.Length == 0 ? ImmutableArray<string>.Empty : [.. components.Split(',')]);
        return new StoredCollection(
            new CollectionRef(userName, reader.GetString(0)),
            (CollectionKind)reader.GetInt32(1),
            properties,
            ToInstant(reader.GetInt64(8)),
            new SyncToken(reader.GetString(9), reader.GetInt64(10)));
    }
}
