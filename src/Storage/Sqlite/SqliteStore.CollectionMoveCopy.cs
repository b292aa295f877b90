using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Sqlite;

/// <summary>MOVE and COPY of whole collections (RFC 4918 sections 9.8 and 9.9, Depth infinity), one transaction each.</summary>
public sealed partial class SqliteStore
{
    private const string SubtreeFilter = "user_name = $user AND (path = $path OR (path >= $path || '/' AND path < $path || '0'))";

    public Task<StoreOutcome> MoveCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null) =>
        TransferCollectionAsync(source, target, overwrite, move: true, clearedReminders, cancellationToken);

    public Task<StoreOutcome> CopyCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null) =>
        TransferCollectionAsync(source, target, overwrite, move: false, clearedReminders, cancellationToken);

    private Task<StoreOutcome> TransferCollectionAsync(CollectionRef source, CollectionRef target, bool overwrite, bool move, ICollection<DueReminder>? clearedReminders,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.UserName != target.UserName)
        {
            throw new ArgumentException("Move and copy stay within one account.", nameof(target));
        }

        if (target.Path == source.Path || target.Path.StartsWith(source.Path + "/", StringComparison.Ordinal))
        {
            return Task.FromResult(StoreOutcome.SameSourceAndTarget);
        }

        return WriteAsync(session =>
        {
            if (FindCollection(session, source.UserName, source.Path) is null)
            {
                return StoreOutcome.NotFound;
            }

            CollectionRow? targetParent = null;
            if (target.ParentPath is { } parentPath)
            {
                targetParent = FindCollection(session, target.UserName, parentPath);
                if (targetParent is null)
                {
                    return StoreOutcome.ParentNotFound;
                }
            }

            var existingCollection = FindCollection(session, target.UserName, target.Path) is not null;
            var existingResource = targetParent is not null && FindObjectTag(session, targetParent.Id, target.Name) is not null;
            if ((existingCollection || existingResource) && !overwrite)
            {
                return StoreOutcome.PreconditionFailed;
            }

            // RFC 4918 section 9.9.3: with Overwrite: T the target is deleted before the move.
            if (existingCollection)
            {
                if (clearedReminders is not null)
                {
                    ReadSubtreeReminders(session, target, clearedReminders);
                }
                session.Command($"DELETE FROM collections WHERE {SubtreeFilter}").WithCollection(target).ExecuteNonQuery();
            }

            if (existingResource)
            {
                var cleared = DeleteObjectRow(session, targetParent!.Id, target.Name);
                var replacedObject = new CollectionRef(target.UserName, target.ParentPath!).Object(target.Name);
                foreach (var reminder in clearedReminders is null ? [] : cleared)
                {
                    clearedReminders!.Add(new DueReminder(replacedObject, reminder.AlarmKey, reminder.DueAt));
                }
                AppendChange(session, targetParent.Id, target.Name, deleted: true);
            }

            if (move)
            {
                MoveSubtree(session, source, target);
                if (source.ParentPath is { } sourceParentPath && FindCollection(session, source.UserName, sourceParentPath) is { } sourceParent)
                {
                    AppendChange(session, sourceParent.Id, source.Name + "/", deleted: true);
                }
            }
            else
            {
                CopySubtree(session, source, target);
            }

            if (targetParent is not null)
            {
                AppendChange(session, targetParent.Id, target.Name + "/", deleted: false);
            }

            return existingCollection || existingResource ? StoreOutcome.Updated : StoreOutcome.Created;
        }, cancellationToken);
    }

    /// <summary>Rewrites the paths of the collection and its descendants; members stay attached by id.</summary>
    private static void MoveSubtree(SqliteSession session, CollectionRef source, CollectionRef target)
    {
        session.Command(
                "UPDATE collections SET " +
                "parent_path = CASE WHEN path = $path THEN $targetParent ELSE $target || substr(parent_path, length($path) + 1) END, " +
                $"path = $target || substr(path, length($path) + 1) WHERE {SubtreeFilter}")
            .WithCollection(source).With("$target", target.Path).With("$targetParent", target.ParentPath ?? "").ExecuteNonQuery();
    }

    /// <summary>
    /// Creates a copy of each collection of the subtree, parents first, with copies of its members and
    /// dead properties, and a change log in which every copied member is one change.
    /// </summary>
    private void CopySubtree(SqliteSession session, CollectionRef source, CollectionRef target)
    {
        var originals = new List<(long Id, string Path)>();
        using (var reader = session.Command($"SELECT id, path FROM collections WHERE {SubtreeFilter} ORDER BY path")
                   .WithCollection(source).ExecuteReader())
        {
            while (reader.Read())
            {
                originals.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var copies = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (originalId, originalPath) in originals)
        {
            var copy = new CollectionRef(target.UserName, target.Path + originalPath[source.Path.Length..]);
            var copyId = (long)session.Command(
                    "INSERT INTO collections (user_name, path, parent_path, incarnation, kind, display_name, description, color, sort_order, " +
                    "time_zone, components, created_at) SELECT user_name, $path, $parent, $incarnation, kind, display_name, description, " +
                    "color, sort_order, time_zone, components, $now FROM collections WHERE id = $original RETURNING id")
                .With("$path", copy.Path).With("$parent", copy.ParentPath ?? "").With("$incarnation", Guid.NewGuid().ToString("N"))
                .With("$now", NowTicks).With("$original", originalId).ExecuteScalar()!;
            copies.Add(copy.Path, copyId);
            session.Command(
                    "INSERT INTO objects (collection_id, href, uid, component, content_type, etag, size, modified_at, first_at, last_at, data, instance_index) " +
                    "SELECT $copy, href, uid, component, content_type, etag, size, $now, first_at, last_at, data, instance_index FROM objects WHERE collection_id = $original")
                .With("$copy", copyId).With("$now", NowTicks).With("$original", originalId).ExecuteNonQuery();
            session.Command(
                    "INSERT INTO dead_properties (collection_id, href, name, value) " +
                    "SELECT $copy, href, name, value FROM dead_properties WHERE collection_id = $original")
                .With("$copy", copyId).With("$original", originalId).ExecuteNonQuery();
            // Every live member needs a change row: an initial sync lists members from the log.
            var members = session.Command(
                    "INSERT INTO changes (collection_id, href, sequence, deleted, changed_at) " +
                    "SELECT $copy, href, ROW_NUMBER() OVER (ORDER BY href), 0, $now FROM objects WHERE collection_id = $copy")
                .With("$copy", copyId).With("$now", NowTicks).ExecuteNonQuery();
            session.Command("UPDATE collections SET sync_sequence = $members WHERE id = $copy")
                .With("$copy", copyId).With("$members", members).ExecuteNonQuery();
            if (copy.Path != target.Path && copies.TryGetValue(copy.ParentPath!, out var parentCopyId))
            {
                AppendChange(session, parentCopyId, copy.Name + "/", deleted: false);
            }
        }
    }
}
