using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Sqlite;

/// <summary>MOVE and COPY of resources (RFC 4918 sections 9.8 and 9.9), each one transaction.</summary>
public sealed partial class SqliteStore
{
    public Task<WriteResult> MoveObjectAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, CancellationToken cancellationToken = default) =>
        TransferAsync(source, target, targetPrecondition, move: true, cancellationToken);

    public Task<WriteResult> CopyObjectAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, CancellationToken cancellationToken = default) =>
        TransferAsync(source, target, targetPrecondition, move: false, cancellationToken);

    private Task<WriteResult> TransferAsync(ObjectRef source, ObjectRef target, WritePrecondition targetPrecondition, bool move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(targetPrecondition);
        if (source.Collection.UserName != target.Collection.UserName)
        {
            throw new ArgumentException("Move and copy stay within one account.", nameof(target));
        }

        if (source == target)
        {
            return Task.FromResult(WriteResult.Of(StoreOutcome.SameSourceAndTarget));
        }

        return WriteAsync(session =>
        {
            var from = FindCollection(session, source.Collection.UserName, source.Collection.Path);
            if (from is null)
            {
                return WriteResult.Of(StoreOutcome.NotFound);
            }

            long sourceId;
            string? uid;
            ETag tag;
            using (var reader = session.Command("SELECT id, uid, etag FROM objects WHERE collection_id = $id AND href = $href")
                       .With("$id", from.Id).With("$href", source.Href).ExecuteReader())
            {
                if (!reader.Read())
                {
                    return WriteResult.Of(StoreOutcome.NotFound);
                }

                sourceId = reader.GetInt64(0);
                uid = reader.IsDBNull(1) ? null : reader.GetString(1);
                tag = ETag.FromStoredValue(reader.GetString(2));
            }

            var to = FindCollection(session, target.Collection.UserName, target.Collection.Path);
            if (to is null)
            {
                return WriteResult.Of(StoreOutcome.ParentNotFound);
            }

            var existing = FindObjectTag(session, to.Id, target.Href);
            if (!targetPrecondition.IsSatisfiedBy(existing))
            {
                return WriteResult.Of(StoreOutcome.PreconditionFailed);
            }

            // A moved resource does not clash with itself; a copy keeps the source, so it can.
            if (uid is not null && FindUidHolder(session, to.Id, uid, target.Href, move ? sourceId : null) is { } holder)
            {
                return WriteResult.UidConflictWith(holder);
            }

            var cleared = existing is null ? [] : DeleteObjectRow(session, to.Id, target.Href);

            if (move)
            {
                session.Command("UPDATE objects SET collection_id = $to, href = $href WHERE id = $source")
                    .With("$to", to.Id).With("$href", target.Href).With("$source", sourceId).ExecuteNonQuery();
                session.Command("UPDATE dead_properties SET collection_id = $to, href = $toHref WHERE collection_id = $from AND href = $fromHref")
                    .With("$to", to.Id).With("$toHref", target.Href).With("$from", from.Id).With("$fromHref", source.Href).ExecuteNonQuery();
                AppendChange(session, from.Id, source.Href, deleted: true);
            }
            else
            {
                session.Command(
                        "INSERT INTO objects (collection_id, href, uid, component, content_type, etag, size, modified_at, first_at, last_at, data, instance_index) " +
                        "SELECT $to, $href, uid, component, content_type, etag, size, $now, first_at, last_at, data, instance_index FROM objects WHERE id = $source")
                    .With("$to", to.Id).With("$href", target.Href).With("$now", NowTicks).With("$source", sourceId).ExecuteNonQuery();
                session.Command(
                        "INSERT INTO dead_properties (collection_id, href, name, value) " +
                        "SELECT $to, $toHref, name, value FROM dead_properties WHERE collection_id = $from AND href = $fromHref")
                    .With("$to", to.Id).With("$toHref", target.Href).With("$from", from.Id).With("$fromHref", source.Href).ExecuteNonQuery();
            }

            AppendChange(session, to.Id, target.Href, deleted: false);
            return new WriteResult(existing is null ? StoreOutcome.Created : StoreOutcome.Updated, tag) { ClearedReminders = cleared };
        }, cancellationToken);
    }
}
