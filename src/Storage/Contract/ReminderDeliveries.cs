using NodaTime;

namespace AuroraTime.Storage.Contract;

/// <summary>
/// A claimed firing that is not known to be delivered yet. <see cref="Attempts"/> counts the attempts
/// started; <see cref="NextAttemptAt"/> is when it may be tried again (a retry's backoff, or the
/// lease of an attempt in flight, so one that died with its process is picked up after a restart).
/// </summary>
public sealed record ReminderDelivery(ObjectRef Resource, string AlarmKey, Instant DueAt, string IdempotencyKey, int Attempts, Instant NextAttemptAt);

/// <summary>
/// Optional capability of a store: claimed-but-unsent state, so a send that failed transiently is
/// retried, also after a restart, and a permanent failure is recorded once. A store without it
/// gives the at-most-once behaviour of <see cref="IReminderStore.ClaimReminderAsync"/>.
/// Rows die with their object (a deleted event is never retried) and with their account.
/// </summary>
public interface IReminderDeliveryStore
{
    /// <summary>
    /// <see cref="IReminderStore.ClaimReminderAsync"/> plus, in the same transaction, an unsent
    /// delivery (attempt 1 in flight, leased until <paramref name="leaseUntil"/>).
    /// </summary>
    /// <returns>Created (send it); AlreadyExists; NotFound (no such account or object).</returns>
    Task<StoreOutcome> ClaimForDeliveryAsync(DueReminder reminder, string idempotencyKey, Instant leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Unsent deliveries whose next attempt is at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<ReminderDelivery>> ListDueDeliveriesAsync(Instant dueBy, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest next attempt of any unsent delivery.</summary>
    Task<Instant?> NextDeliveryAttemptAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts attempt <c>Attempts + 1</c> of <paramref name="seen"/>, leased until
    /// <paramref name="leaseUntil"/>, only if nobody started another attempt since it was read.
    /// </summary>
    /// <returns>Ok (this caller owns the attempt); PreconditionFailed (another did); NotFound (finished or gone).</returns>
    Task<StoreOutcome> LeaseDeliveryAsync(ReminderDelivery seen, Instant leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>A transient failure: try again at <paramref name="nextAttemptAt"/>.</summary>
    Task<StoreOutcome> DeferDeliveryAsync(string userName, string idempotencyKey, Instant nextAttemptAt, string error, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the delivery: sent (null <paramref name="failure"/>), or given up with the reason kept
    /// (see <see cref="ListFailedDeliveriesAsync"/>).
    /// </summary>
    Task<StoreOutcome> FinishDeliveryAsync(string userName, string idempotencyKey, string? failure, CancellationToken cancellationToken = default);

    /// <summary>Deliveries given up on, for the account, newest first (what an operator or the user is shown).</summary>
    Task<IReadOnlyList<FailedDelivery>> ListFailedDeliveriesAsync(string userName, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A delivery given up on: after <see cref="Attempts"/> attempts, at <see cref="FailedAt"/>, because of <see cref="Error"/>.</summary>
public sealed record FailedDelivery(string AlarmKey, Instant DueAt, int Attempts, Instant FailedAt, string Error);
