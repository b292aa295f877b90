using System.Globalization;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<StoreOutcome> ReplacePendingRemindersAsync(ObjectRef resource, ETag plannedFrom, IReadOnlyList<PendingReminder> reminders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(reminders);
        foreach (var reminder in reminders)
        {
            ArgumentNullException.ThrowIfNull(reminder, nameof(reminders));
            ArgumentException.ThrowIfNullOrEmpty(reminder.AlarmKey, nameof(reminders));
        }

        if (reminders.Select(r => r.AlarmKey).Distinct(StringComparer.Ordinal).Count() != reminders.Count)
        {
            throw new ArgumentException("Alarm keys must be unique within one object.", nameof(reminders));
        }

        return WriteAsync(session =>
        {
            long objectId;
            using (var reader = session.Command($"SELECT o.id, o.etag FROM objects o {InCollection} AND o.href = $href")
                       .WithCollection(resource.Collection).With("$href", resource.Href).ExecuteReader())
            {
                if (!reader.Read())
                {
                    return StoreOutcome.NotFound;
                }

                if (reader.GetString(1) != plannedFrom.Value)
                {
                    return StoreOutcome.PreconditionFailed;
                }

                objectId = reader.GetInt64(0);
            }

            session.Command("DELETE FROM pending_reminders WHERE object_id = $id").With("$id", objectId).ExecuteNonQuery();
            foreach (var reminder in reminders)
            {
                session.Command("INSERT INTO pending_reminders (object_id, alarm_key, due_at) VALUES ($id, $key, $due)")
                    .With("$id", objectId).With("$key", reminder.AlarmKey).With("$due", reminder.DueAt.ToUnixTimeTicks()).ExecuteNonQuery();
            }

            return StoreOutcome.Ok;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PendingReminder>> GetPendingRemindersAsync(ObjectRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<PendingReminder>>(session =>
        {
            using var reader = session.Command(
                    $"SELECT r.alarm_key, r.due_at FROM objects o JOIN pending_reminders r ON r.object_id = o.id " +
                    "JOIN collections c ON c.id = o.collection_id WHERE c.user_name = $user AND c.path = $path AND o.href = $href " +
                    "ORDER BY r.due_at, r.alarm_key")
                .WithCollection(resource.Collection).With("$href", resource.Href).ExecuteReader();
            var reminders = new List<PendingReminder>();
            while (reader.Read())
            {
                reminders.Add(new PendingReminder(reader.GetString(0), ToInstant(reader.GetInt64(1))));
            }

            return reminders;
        }));
    }

    public Task<Page<DueReminder>> ListDueRemindersAsync(Instant dueBy, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        var (afterDue, afterObject, afterKey) = ParseReminderCursor(page.After);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(session =>
        {
            // Keyset paging on the (due_at, object_id, alarm_key) index: stable while firings are claimed.
            using var reader = session.Command(
                    "SELECT c.user_name, c.path, o.href, r.alarm_key, r.due_at, r.object_id FROM pending_reminders r " +
                    "JOIN objects o ON o.id = r.object_id JOIN collections c ON c.id = o.collection_id " +
                    "WHERE r.due_at <= $dueBy AND (r.due_at, r.object_id, r.alarm_key) > ($afterDue, $afterObject, $afterKey) " +
                    "ORDER BY r.due_at, r.object_id, r.alarm_key LIMIT $limit")
                .With("$dueBy", dueBy.ToUnixTimeTicks()).With("$afterDue", afterDue).With("$afterObject", afterObject)
                .With("$afterKey", afterKey).With("$limit", limit + 1).ExecuteReader();
            var items = new List<DueReminder>();
            string? next = null;
            long lastObjectId = 0;
            while (reader.Read())
            {
                if (items.Count == limit)
                {
                    next = ReminderCursor(items[^1].DueAt, lastObjectId, items[^1].AlarmKey);
                    break;
                }

                items.Add(new DueReminder(new CollectionRef(reader.GetString(0), reader.GetString(1)).Object(reader.GetString(2)),
                    reader.GetString(3), ToInstant(reader.GetInt64(4))));
                lastObjectId = reader.GetInt64(5);
            }

            return new Page<DueReminder>(items, next);
        }));
    }

    public Task<StoreOutcome> ClaimReminderAsync(DueReminder reminder, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return WriteAsync(session => Claim(session, reminder, idempotencyKey),
            outcome => outcome is StoreOutcome.Created or StoreOutcome.AlreadyExists, cancellationToken);
    }

    /// <summary>The claim of <see cref="ClaimReminderAsync"/> inside a write transaction.</summary>
    private StoreOutcome Claim(SqliteSession session, DueReminder reminder, string idempotencyKey)
    {
        var userName = reminder.Resource.Collection.UserName;
        if (!AccountExists(session, userName))
        {
            return StoreOutcome.NotFound;
        }

        var claimed = session.Command(
                "INSERT INTO sent_reminders (user_name, idempotency_key, sent_at) VALUES ($user, $key, $now) ON CONFLICT DO NOTHING")
            .With("$user", userName).With("$key", idempotencyKey).With("$now", NowTicks).ExecuteNonQuery() == 1;
        session.Command(
                "DELETE FROM pending_reminders WHERE alarm_key = $alarm AND due_at = $due AND object_id = " +
                $"(SELECT o.id FROM objects o {InCollection} AND o.href = $href)")
            .WithCollection(reminder.Resource.Collection).With("$href", reminder.Resource.Href)
            .With("$alarm", reminder.AlarmKey).With("$due", reminder.DueAt.ToUnixTimeTicks()).ExecuteNonQuery();
        return claimed ? StoreOutcome.Created : StoreOutcome.AlreadyExists;
    }

    private static string ReminderCursor(Instant due, long objectId, string alarmKey) =>
        string.Create(CultureInfo.InvariantCulture, $"{due.ToUnixTimeTicks()}:{objectId}:{alarmKey}");

    /// <summary>Reads a cursor made by <see cref="ReminderCursor"/>; anything else starts from the beginning.</summary>
    private static (long Due, long ObjectId, string AlarmKey) ParseReminderCursor(string? cursor)
    {
        var parts = cursor?.Split(':', 3);
        return parts is { Length: 3 }
               && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var due)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var objectId)
            ? (due, objectId, parts[2])
            : (long.MinValue, long.MinValue, "");
    }

    /// <summary>Removes the object's planned firings inside the caller's write transaction and returns them.</summary>
    private static IReadOnlyList<PendingReminder> TakePendingReminders(SqliteSession session, long collectionId, string href)
    {
        using var reader = session.Command(
                "DELETE FROM pending_reminders WHERE object_id = (SELECT id FROM objects WHERE collection_id = $id AND href = $href) RETURNING alarm_key, due_at")
            .With("$id", collectionId).With("$href", href).ExecuteReader();
        var cleared = new List<PendingReminder>();
        while (reader.Read())
        {
            cleared.Add(new PendingReminder(reader.GetString(0), ToInstant(reader.GetInt64(1))));
        }

        return cleared;
    }
}
