using System.Runtime.InteropServices;
using System.Text.Json;
using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string SummaryColumns = RawObjectRows.SummaryColumns;
    private const string ObjectColumns = SummaryColumns + ", o.data, o.instance_index";
    private const string InCollection = "JOIN collections c ON c.id = o.collection_id WHERE c.user_name = $user AND c.path = $path";

    public Task<StoredObject?> GetObjectAsync(ObjectRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return CachedRowAsync(new ReadKey(ReadKind.Object, resource.Collection.UserName, resource.Collection.Path, resource.Href),
            session => session.Command($"SELECT {ObjectColumns} FROM objects o {InCollection} AND o.href = $href")
                .WithCollection(resource.Collection).With("$href", resource.Href), ReadObject, stored => stored.Data.Length, cancellationToken);
    }

    public Task<IReadOnlyList<StoredObject>> GetObjectsAsync(CollectionRef collection, IReadOnlyCollection<string> hrefs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(hrefs);
        if (hrefs.Count > PageRequest.MaxLimit)
        {
            throw new ArgumentException($"At most {PageRequest.MaxLimit} hrefs per call.", nameof(hrefs));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (hrefs.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StoredObject>>([]);
        }

        // One statement text for any number of names: the list travels as a JSON array parameter
        // instead of an IN (...) of a different length each time.
        var names = JsonSerializer.Serialize(hrefs.Distinct(StringComparer.Ordinal).ToArray(), SqliteJson.Default.StringArray);
        return Task.FromResult(Read<IReadOnlyList<StoredObject>>(session =>
        {
            using var rows = PrepareRows(session,
                    $"SELECT {ObjectColumns} FROM objects o {InCollection} AND o.href IN (SELECT value FROM json_each($names)) ORDER BY o.href")
                .WithCollection(collection).Bind("$names", names);
            var found = new List<StoredObject>();
            while (rows.Step())
            {
                found.Add(rows.ReadObject());
            }

            return found;
        }));
    }

    public Task<Page<ObjectSummary>> ListObjectsAsync(CollectionRef collection, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        cancellationToken.ThrowIfCancellationRequested();
        // Rows are read through SQLite's API (RawObjectRows says why), one beyond the limit revealing a
        // next page, as in ReadPageAsync.
        return Task.FromResult(Read(session =>
        {
            using var rows = PrepareRows(session, $"SELECT {SummaryColumns} FROM objects o {InCollection} AND o.href > $after ORDER BY o.href LIMIT $limit")
                .WithCollection(collection).Bind("$after", page.After ?? "").Bind("$limit", limit + 1);
            return PageOfRows(rows, limit, static row => row.ReadSummary(), static summary => summary.Href);
        }));
    }

    /// <summary>The rows of a statement that asked for <paramref name="limit"/> + 1: the extra row, when there is
    /// one, only reveals that a next page exists (as in ReadPageAsync).</summary>
    private static Page<T> PageOfRows<T>(RawObjectRows rows, int limit, Func<RawObjectRows, T> read, Func<T, string> hrefOf)
    {
        var items = new List<T>(Math.Min(limit + 1, 256));
        while (rows.Step())
        {
            items.Add(read(rows));
        }

        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(limit);
        return new Page<T>(items, hrefOf(items[^1]));
    }

    /// <summary>A raw statement over object rows; its SQL is recorded like a cached command's (query-plan tests read them).</summary>
    private RawObjectRows PrepareRows(SqliteSession session, string sql)
    {
        _statements.TryAdd(sql, true);
        return RawObjectRows.Prepare(session, sql);
    }

    public Task<Page<StoredObject>> FindObjectsInRangeAsync(CollectionRef collection, TimeRangeQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        cancellationToken.ThrowIfCancellationRequested();
        // Two statements so each matches its index: with a component type the
        // (collection, component, href, first, last) index serves both the filter and the order.
        var componentFilter = query.ComponentType is null ? "" : "AND o.component = $component ";
        var sql = $"SELECT {ObjectColumns} FROM objects o {InCollection} {componentFilter}AND o.href > $after " +
                  "AND (o.first_at IS NULL OR o.first_at <= $end) AND (o.last_at IS NULL OR o.last_at >= $start) " +
                  "ORDER BY o.href LIMIT $limit";
        // Through SQLite's API as ListObjectsAsync (RawObjectRows says why): feeds and calendar-queries read
        // thousands of rows with their data here, and the ADO.NET reader's per-column checks were a third of a
        // 100,000-event feed's CPU (perf).
        return Task.FromResult(Read(session =>
        {
            using var rows = PrepareRows(session, sql).WithCollection(collection)
                .Bind("$after", page.After ?? "").Bind("$limit", limit + 1)
                .Bind("$start", query.Start?.ToUnixTimeTicks() ?? long.MinValue)
                .Bind("$end", query.End?.ToUnixTimeTicks() ?? long.MaxValue);
            if (query.ComponentType is { } component)
            {
                rows.Bind("$component", component);
            }
            return PageOfRows(rows, limit, static row => row.ReadObject(), static stored => stored.Href);
        }));
    }

    public Task<string?> FindHrefByUidAsync(CollectionRef collection, string uid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(uid);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(session => (string?)session.Command(
                $"SELECT o.href FROM objects o {InCollection} AND o.uid = $uid")
            .WithCollection(collection).With("$uid", uid).ExecuteScalar()));
    }

    public Task<WriteResult> PutObjectAsync(ObjectRef resource, ObjectContent content, WritePrecondition precondition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(precondition);
        ArgumentException.ThrowIfNullOrEmpty(content.ContentType, nameof(content));
        if (content.Data.Length > Limits.MaxObjectSize)
        {
            return Task.FromResult(WriteResult.Of(StoreOutcome.TooLarge));
        }

        var data = AsArray(content.Data);
        var tag = ETag.FromContent(data);
        return WriteAsync(session => PutObject(session, resource, content, data, tag, precondition), cancellationToken);
    }

    public Task<IReadOnlyList<WriteResult>> PutObjectsAsync(IReadOnlyList<ObjectWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write);
            ArgumentException.ThrowIfNullOrEmpty(write.Content.ContentType, nameof(writes));
        }

        // Hash outside the write lock, as PutObjectAsync does.
        var bodies = writes.Select(w => AsArray(w.Content.Data)).ToArray();
        var tags = bodies.Select(body => ETag.FromContent(body)).ToArray();
        return WriteAsync<IReadOnlyList<WriteResult>>(session =>
        {
            var results = new WriteResult[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                // Every item is checked even after a failure, so the caller learns all that is wrong at once.
                results[i] = write.Content.Data.Length > Limits.MaxObjectSize
                    ? WriteResult.Of(StoreOutcome.TooLarge)
                    : PutObject(session, write.Resource, write.Content, bodies[i], tags[i], write.Precondition);
            }

            return results;
        }, results => results.All(r => r.IsSuccess), cancellationToken);
    }

    /// <summary>One object write inside the caller's transaction: the checks, the row, the change-log entry.</summary>
    private WriteResult PutObject(SqliteSession session, ObjectRef resource, ObjectContent content, byte[] data, ETag tag, WritePrecondition precondition)
    {
        var (collection, nameIsACollection) = FindCollectionAndChild(session, resource);
        if (collection is null)
        {
            return WriteResult.Of(StoreOutcome.NotFound);
        }

        if (nameIsACollection)
        {
            return WriteResult.Of(StoreOutcome.AlreadyExists);
        }

        var (current, holder) = FindTargetTagAndUidHolder(session, collection.Id, resource.Href, content.Uid);
        if (!precondition.IsSatisfiedBy(current))
        {
            return WriteResult.Of(StoreOutcome.PreconditionFailed);
        }

        if (holder is not null)
        {
            return WriteResult.UidConflictWith(holder);
        }

        session.Command(
                "INSERT INTO objects (collection_id, href, uid, component, content_type, etag, size, modified_at, first_at, last_at, data, instance_index) " +
                "VALUES ($id, $href, $uid, $component, $type, $etag, $size, $now, $first, $last, $data, $index) " +
                "ON CONFLICT (collection_id, href) DO UPDATE SET uid = excluded.uid, component = excluded.component, " +
                "content_type = excluded.content_type, etag = excluded.etag, size = excluded.size, modified_at = excluded.modified_at, " +
                "first_at = excluded.first_at, last_at = excluded.last_at, data = excluded.data, instance_index = excluded.instance_index")
            .With("$id", collection.Id).With("$href", resource.Href).With("$uid", content.Uid)
            .With("$component", content.ComponentType).With("$type", content.ContentType).With("$etag", tag.Value)
            .With("$size", data.Length).With("$now", NowTicks)
            .With("$first", content.FirstOccurrence?.ToUnixTimeTicks()).With("$last", content.LastOccurrence?.ToUnixTimeTicks())
            .With("$data", data).With("$index", content.InstanceIndex)
            .ExecuteNonQuery();
        // The plan was computed from the old bytes; the reminder planner replans from the new ones.
        var cleared = current is null ? [] : TakePendingReminders(session, collection.Id, resource.Href);
        AppendChange(session, collection.Id, resource.Href, deleted: false);
        return new WriteResult(current is null ? StoreOutcome.Created : StoreOutcome.Updated, tag) { ClearedReminders = cleared };
    }

    public Task<WriteResult> DeleteObjectAsync(ObjectRef resource, WritePrecondition precondition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(precondition);
        return WriteAsync(session =>
        {
            var collection = FindCollection(session, resource.Collection.UserName, resource.Collection.Path);
            var current = collection is null ? null : FindObjectTag(session, collection.Id, resource.Href);
            if (collection is null || current is null)
            {
                return WriteResult.Of(StoreOutcome.NotFound);
            }

            if (!precondition.IsSatisfiedBy(current))
            {
                return WriteResult.Of(StoreOutcome.PreconditionFailed);
            }

            var cleared = DeleteObjectRow(session, collection.Id, resource.Href);
            AppendChange(session, collection.Id, resource.Href, deleted: true);
            return new WriteResult(StoreOutcome.Ok) { ClearedReminders = cleared };
        }, cancellationToken);
    }

    /// <summary>The collection written into, and whether a child collection already has the object's name: one statement.</summary>
    private static (CollectionRow? Collection, bool NameIsACollection) FindCollectionAndChild(SqliteSession session, ObjectRef resource)
    {
        using var reader = session.Command(
                "SELECT id, kind, incarnation, sync_sequence, prune_floor, " +
                "EXISTS (SELECT 1 FROM collections WHERE user_name = $user AND path = $child) FROM collections WHERE user_name = $user AND path = $path")
            .WithCollection(resource.Collection).With("$child", resource.Collection.Path + "/" + resource.Href).ExecuteReader();
        return reader.Read()
            ? (new CollectionRow(reader.GetInt64(0), (CollectionKind)reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)), reader.GetBoolean(5))
            : (null, false);
    }

    /// <summary>
    /// The target's current ETag (null: no such object) and the href of another object in the collection holding
    /// <paramref name="uid"/> (RFC 4791 section 5.3.2.1), in one statement: SQLite answers the OR from both indexes.
    /// </summary>
    private static (ETag? Current, string? UidHolder) FindTargetTagAndUidHolder(SqliteSession session, long collectionId, string href, string? uid)
    {
        using var reader = session.Command(
                "SELECT href, etag FROM objects WHERE collection_id = $id AND (href = $href OR (uid = $uid AND href <> $href))")
            .With("$id", collectionId).With("$href", href).With("$uid", uid).ExecuteReader();
        ETag? current = null;
        string? holder = null;
        while (reader.Read())
        {
            var found = reader.GetString(0);
            if (found == href)
            {
                current = ETag.FromStoredValue(reader.GetString(1));
            }
            else
            {
                holder = found;
            }
        }

        return (current, holder);
    }

    private static ETag? FindObjectTag(SqliteSession session, long collectionId, string href) =>
        session.Command("SELECT etag FROM objects WHERE collection_id = $id AND href = $href")
            .With("$id", collectionId).With("$href", href).ExecuteScalar() is string value
            ? ETag.FromStoredValue(value)
            : null;

    /// <summary>The href of another resource in the collection holding this UID (RFC 4791 section 5.3.2.1), or null.</summary>
    private static string? FindUidHolder(SqliteSession session, long collectionId, string uid, string targetHref, long? exceptObjectId) =>
        (string?)session.Command(
                "SELECT href FROM objects WHERE collection_id = $id AND uid = $uid AND href <> $href AND id <> $except")
            .With("$id", collectionId).With("$uid", uid).With("$href", targetHref).With("$except", exceptObjectId ?? -1)
            .ExecuteScalar();

    /// <summary>Deletes the object with its dead properties; its firings and deliveries cascade.</summary>
    /// <returns>The planned firings it had.</returns>
    private static IReadOnlyList<PendingReminder> DeleteObjectRow(SqliteSession session, long collectionId, string href)
    {
        var cleared = TakePendingReminders(session, collectionId, href);
        session.Command("DELETE FROM objects WHERE collection_id = $id AND href = $href")
            .With("$id", collectionId).With("$href", href).ExecuteNonQuery();
        session.Command("DELETE FROM dead_properties WHERE collection_id = $id AND href = $href")
            .With("$id", collectionId).With("$href", href).ExecuteNonQuery();
        return cleared;
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private static ObjectSummary ReadSummary(SqliteDataReader reader) => new(
        Href: reader.GetString(0),
        Uid: reader.GetNullableString(1),
        ComponentType: reader.GetNullableString(2),
        ContentType: reader.GetString(3),
        ETag: ETag.FromStoredValue(reader.GetString(4)),
        Size: reader.GetInt64(5),
        LastModified: ToInstant(reader.GetInt64(6)),
        FirstOccurrence: ToInstant(reader.GetNullableInt64(7)),
        LastOccurrence: ToInstant(reader.GetNullableInt64(8)));

    private static StoredObject ReadObject(SqliteDataReader reader) =>
        new(ReadSummary(reader), (byte[])reader.GetValue(9)) { InstanceIndex = reader.IsDBNull(10) ? null : (byte[])reader.GetValue(10) };
}

internal static class CollectionParameterExtensions
{
    public static SqliteCommand WithCollection(this SqliteCommand command, CollectionRef collection) =>
        command.With("$user", collection.UserName).With("$path", collection.Path);
}
