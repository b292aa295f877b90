using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace AuroraTime.Storage.Sqlite;

/// <summary>Claimed-but-unsent reminder deliveries (table reminder_deliveries, schema version 2).</summary>
public sealed partial class SqliteStore : IReminderDeliveryStore
{
    private const string DeliveryColumns =
        "c.user_name, c.path, o.href, d.alarm_key, d.due_at, d.idempotency_key, d.attempts, d.next_attempt_at";

    public Task<StoreOutcome> ClaimForDeliveryAsync(DueReminder reminder, string idempotencyKey, Instant leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return WriteAsync(session =>
        {
            var objectId = session.Command($"SELECT o.id FROM objects o {InCollection} AND o.href = $href")
                .WithCollection(reminder.Resource.Collection).With("$href", reminder.Resource.Href).ExecuteScalar();
            if (objectId is null)
            {
                return StoreOutcome.NotFound;
            }

            var outcome = Claim(session, reminder, idempotencyKey);
            if (outcome == StoreOutcome.Created)
            {
                session.Command(
                        "INSERT INTO reminder_deliveries (user_name, idempotency_key, object_id, alarm_key, due_at, attempts, next_attempt_at) " +
                        "VALUES ($user, $key, $object, $alarm, $due, 1, $lease)")
                    .With("$user", reminder.Resource.Collection.UserName).With("$key", idempotencyKey).With("$object", objectId)
                    .With("$alarm", reminder.AlarmKey).With("$due", reminder.DueAt.ToUnixTimeTicks()).With("$lease", leaseUntil.ToUnixTimeTicks())
                    .ExecuteNonQuery();
            }

            return outcome;
        }, outcome => outcome is StoreOutcome.Created or StoreOutcome.AlreadyExists, cancellationToken);
    }

    public Task<IReadOnlyList<ReminderDelivery>> ListDueDeliveriesAsync(Instant dueBy, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<ReminderDelivery>>(session =>
        {
            using var reader = session.Command(
                    $"SELECT {DeliveryColumns} FROM reminder_deliveries d JOIN objects o ON o.id = d.object_id " +
                    "JOIN collections c ON c.id = o.collection_id " +
                    "WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= $dueBy ORDER BY d.next_attempt_at LIMIT $limit")
                .With("$dueBy", dueBy.ToUnixTimeTicks()).With("$limit", limit).ExecuteReader();
            var deliveries = new List<ReminderDelivery>();
            while (reader.Read())
            {
                deliveries.Add(ReadDelivery(reader));
            }

            return deliveries;
        }));
    }

    public Task<Instant?> NextDeliveryAttemptAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(session =>
            session.Command("SELECT MIN(next_attempt_at) FROM reminder_deliveries WHERE next_attempt_at IS NOT NULL").ExecuteScalar() is long ticks
                ? ToInstant(ticks)
                : (Instant?)null));
    }

    public Task<StoreOutcome> LeaseDeliveryAsync(ReminderDelivery seen, Instant leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return WriteAsync(session =>
        {
            var user = seen.Resource.Collection.UserName;
            // Compare-and-set on the attempt count: of two schedulers that read the same row, one wins.
            var leased = session.Command(
                    "UPDATE reminder_deliveries SET attempts = attempts + 1, next_attempt_at = $lease " +
                    "WHERE user_name = $user AND idempotency_key = $key AND attempts = $attempts AND next_attempt_at IS NOT NULL")
                .With("$user", user).With("$key", seen.IdempotencyKey).With("$attempts", seen.Attempts)
                .With("$lease", leaseUntil.ToUnixTimeTicks()).ExecuteNonQuery();
            if (leased == 1)
            {
                return StoreOutcome.Ok;
            }

            return DeliveryIsOpen(session, user, seen.IdempotencyKey) ? StoreOutcome.PreconditionFailed : StoreOutcome.NotFound;
        }, cancellationToken);
    }

    public Task<StoreOutcome> DeferDeliveryAsync(string userName, string idempotencyKey, Instant nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(session => OkIfOneRow(session.Command(
                "UPDATE reminder_deliveries SET next_attempt_at = $next, last_error = $error " +
                "WHERE user_name = $user AND idempotency_key = $key AND next_attempt_at IS NOT NULL")
            .With("$user", userName).With("$key", idempotencyKey).With("$next", nextAttemptAt.ToUnixTimeTicks()).With("$error", error)
            .ExecuteNonQuery()), cancellationToken);
    }

    public Task<StoreOutcome> FinishDeliveryAsync(string userName, string idempotencyKey, string? failure, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return WriteAsync(session => OkIfOneRow((failure is null
                ? session.Command("DELETE FROM reminder_deliveries WHERE user_name = $user AND idempotency_key = $key AND next_attempt_at IS NOT NULL")
                : session.Command(
                        "UPDATE reminder_deliveries SET next_attempt_at = NULL, failed_at = $now, last_error = $error " +
                        "WHERE user_name = $user AND idempotency_key = $key AND next_attempt_at IS NOT NULL")
                    .With("$now", NowTicks).With("$error", failure))
            .With("$user", userName).With("$key", idempotencyKey).ExecuteNonQuery()), cancellationToken);
    }

    public Task<IReadOnlyList<FailedDelivery>> ListFailedDeliveriesAsync(string userName, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<FailedDelivery>>(session =>
        {
            using var reader = session.Command(
                    "SELECT alarm_key, due_at, attempts, failed_at, last_error FROM reminder_deliveries " +
                    "WHERE user_name = $user AND next_attempt_at IS NULL ORDER BY failed_at DESC LIMIT $limit")
                .With("$user", userName).With("$limit", limit).ExecuteReader();
            var failed = new List<FailedDelivery>();
            while (reader.Read())
            {
                failed.Add(new FailedDelivery(reader.GetString(0), ToInstant(reader.GetInt64(1)), reader.GetInt32(2),
                    ToInstant(reader.GetInt64(3)), reader.GetNullableString(4) ?? ""));
            }

            return failed;
        }));
    }

    private static bool DeliveryIsOpen(SqliteSession session, string userName, string idempotencyKey) =>
        session.Command("SELECT 1 FROM reminder_deliveries WHERE user_name = $user AND idempotency_key = $key AND next_attempt_at IS NOT NULL")
            .With("$user", userName).With("$key", idempotencyKey).ExecuteScalar() is not null;

    private static ReminderDelivery ReadDelivery(SqliteDataReader reader) => new(
        new CollectionRef(reader.GetString(0), reader.GetString(1)).Object(reader.GetString(2)),
        reader.GetString(3),
        ToInstant(reader.GetInt64(4)),
        reader.GetString(5),
        reader.GetInt32(6),
        ToInstant(reader.GetInt64(7)));
}
