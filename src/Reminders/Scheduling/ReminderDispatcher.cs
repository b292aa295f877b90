using System.Security.Cryptography;
using System.Text;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Planning;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// Fires one due reminder: re-reads the object and re-plans it (so a stale schedule sends nothing),
/// claims the firing in the store's sent log, sends, then rolls the object's plan forward.
/// <para>Delivery guarantee. The claim (the idempotency record) is written before the send, so two
/// schedulers never both send. With a store that keeps deliveries (<see cref="IReminderDeliveryStore"/>)
/// the claim stays "unsent" until the sender confirms: a transient failure (4xx, refused or reset
/// connection, timeout) is retried with backoff (<see cref="ReminderRetryPolicy"/>), also after a
/// restart, and a permanent one is recorded and logged once. A process that dies after the relay
/// accepted the message but before the store recorded it leaves the delivery unsent: it is sent
/// again when its lease runs out, with the same Message-ID. That window makes the guarantee
/// at-least-once, chosen because a lost reminder is silent while a duplicate is visible and
/// recognisable. Without delivery state (other stores) it is at-most-once: no retries.</para>
/// </summary>
public sealed class ReminderDispatcher(
    IStore store, ReminderReconciler reconciler, IReminderSender sender, ReminderOptions options, TimeProvider time, ILogger logger)
{
    private const int RetryPageSize = 100;

    private IReminderDeliveryStore? Deliveries => store as IReminderDeliveryStore;

    public async Task<DispatchOutcome> DispatchAsync(DueReminder due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var stored = await store.GetObjectAsync(due.Resource, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return DispatchOutcome.Gone;
        }
        var owner = await reconciler.OwnerAsync(due.Resource.Collection.UserName, cancellationToken).ConfigureAwait(false);
        var now = time.Now();

        // Everything from this firing on: the firing itself (if still wanted) and its same-instant siblings.
        var fromHere = AlarmPlanner.Plan(stored.Data.Span, owner, due.DueAt - Duration.Epsilon);
        var current = fromHere.FirstOrDefault(p => p.DueAt == due.DueAt && p.AlarmKey == due.AlarmKey);
        if (current is null)
        {
            Log.StaleReminder(logger, due.AlarmKey);
            await reconciler.SaveAsync(due.Resource, stored.ETag, AlarmPlanner.Plan(stored.Data.Span, owner, now), cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Stale;
        }

        var key = IdempotencyKey(due);
        var late = now - due.DueAt > options.GracePeriod;
        var claim = late || Deliveries is null
            ? await store.ClaimReminderAsync(due, key, cancellationToken).ConfigureAwait(false)
            : await Deliveries.ClaimForDeliveryAsync(due, key, now + options.Retry.AttemptLease, cancellationToken).ConfigureAwait(false);
        var outcome = claim switch
        {
            StoreOutcome.Created when late => DispatchOutcome.SkippedLate,
            StoreOutcome.Created => DispatchOutcome.Sent,
            StoreOutcome.AlreadyExists => DispatchOutcome.AlreadyClaimed,
            _ => DispatchOutcome.Gone,
        };
        if (outcome == DispatchOutcome.Gone)
        {
            return outcome;
        }

        // Roll forward before sending, so a send that hangs, fails or dies with the process does
        // not stop the series: later firings (the series' next instance of this alarm among them)
        // plus siblings due at the same instant that are not handled yet.
        var rolled = AlarmPlanner.Plan(stored.Data.Span, owner, due.DueAt)
            .Concat(fromHere.Where(p => p.DueAt == due.DueAt && p.AlarmKey != due.AlarmKey));
        await reconciler.SaveAsync(due.Resource, stored.ETag, rolled, cancellationToken).ConfigureAwait(false);
        if (outcome == DispatchOutcome.SkippedLate)
        {
            Log.SkippedLate(logger, due.AlarmKey, due.DueAt.ToString());
        }
        else if (outcome == DispatchOutcome.Sent)
        {
            outcome = await AttemptAsync(due, current, owner, key, attempt: 1, cancellationToken).ConfigureAwait(false);
        }
        return outcome;
    }

    /// <summary>Retries every claimed-but-unsent delivery whose next attempt is due (none without delivery state).</summary>
    /// <returns>How many deliveries were looked at.</returns>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken)
    {
        if (Deliveries is not { } deliveries)
        {
            return 0;
        }
        var count = 0;
        while (true)
        {
            // Each listed delivery leaves the due set: leased here (next attempt = lease end) or by another scheduler.
            var page = await deliveries.ListDueDeliveriesAsync(time.Now(), RetryPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var delivery in page)
            {
                await RetryAsync(delivery, cancellationToken).ConfigureAwait(false);
                count++;
            }
            if (page.Count < RetryPageSize)
            {
                return count;
            }
        }
    }

    /// <summary>When the next retry is due, if any delivery is waiting.</summary>
    public Task<Instant?> NextRetryAsync(CancellationToken cancellationToken) =>
        Deliveries is { } deliveries ? deliveries.NextDeliveryAttemptAsync(cancellationToken) : Task.FromResult<Instant?>(null);

    /// <summary>One more attempt of a claimed-but-unsent delivery, against the object as it is now.</summary>
    public async Task<DispatchOutcome> RetryAsync(ReminderDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var deliveries = Deliveries ?? throw new InvalidOperationException("The store keeps no reminder deliveries.");
        var leased = await deliveries.LeaseDeliveryAsync(delivery, time.Now() + options.Retry.AttemptLease, cancellationToken).ConfigureAwait(false);
        if (leased != StoreOutcome.Ok)
        {
            return leased == StoreOutcome.NotFound ? DispatchOutcome.Gone : DispatchOutcome.AlreadyClaimed;
        }
        var userName = delivery.Resource.Collection.UserName;
        var stored = await store.GetObjectAsync(delivery.Resource, cancellationToken).ConfigureAwait(false);
        var owner = await reconciler.OwnerAsync(userName, cancellationToken).ConfigureAwait(false);
        var current = stored is null
            ? null
            : AlarmPlanner.Plan(stored.Data.Span, owner, delivery.DueAt - Duration.Epsilon)
                .FirstOrDefault(p => p.DueAt == delivery.DueAt && p.AlarmKey == delivery.AlarmKey);
        if (current is null)
        {
            // Edited, acknowledged or deleted since the first attempt: the current data wants no email.
            Log.StaleReminder(logger, delivery.AlarmKey);
            await deliveries.FinishDeliveryAsync(userName, delivery.IdempotencyKey, "no longer planned by its object", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Stale;
        }
        var due = new DueReminder(delivery.Resource, delivery.AlarmKey, delivery.DueAt);
        return await AttemptAsync(due, current, owner, delivery.IdempotencyKey, delivery.Attempts + 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one claimed firing and records the result: sent, retried later, or given up.</summary>
    private async Task<DispatchOutcome> AttemptAsync(
        DueReminder due, PlannedReminder current, PlanningOwner owner, string key, int attempt, CancellationToken cancellationToken)
    {
        var userName = due.Resource.Collection.UserName;
        var now = time.Now();
        var message = ReminderEmailComposer.Compose(
            current, options.OwnerAddress(owner.UserName), owner.Zone, options, now, key, options.EventLink(due.Resource));
        SendReceipt receipt;
        try
        {
            receipt = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (EmailDeliveryException e)
        {
            if (Deliveries is not { } deliveries)
            {
                Log.SendFailed(logger, due.AlarmKey, e.Message);
                return DispatchOutcome.SendFailed;
            }
            if (!e.Permanent && attempt < options.Retry.MaxAttempts)
            {
                var next = now + options.Retry.DelayAfter(attempt);
                Log.SendDeferred(logger, due.AlarmKey, attempt, e.Message, next.ToString());
                await deliveries.DeferDeliveryAsync(userName, key, next, e.Message, cancellationToken).ConfigureAwait(false);
                return DispatchOutcome.Deferred;
            }
            Log.SendFailed(logger, due.AlarmKey, e.Message);
            await deliveries.FinishDeliveryAsync(userName, key, $"attempt {attempt}: {e.Message}", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.SendFailed;
        }
        Log.Sent(logger, due.AlarmKey, message.Recipients.Count - receipt.Refused.Count);
        // Refused recipients are given up on at once, whatever their reply: a retry would resend the
        // message to everybody who already has it. They are recorded as the delivery's failure.
        var refusals = receipt.Refused.Count == 0 ? null : RefusalSummary(receipt, message.Recipients.Count);
        foreach (var refused in receipt.Refused)
        {
            Log.RecipientRefused(logger, due.AlarmKey, RecipientMask.Mask(refused.Address), refused.Reply);
        }
        if (Deliveries is { } done)
        {
            await done.FinishDeliveryAsync(userName, key, refusals is null ? null : $"attempt {attempt}: {refusals}", cancellationToken).ConfigureAwait(false);
        }
        return DispatchOutcome.Sent;
    }

    private static string RefusalSummary(SendReceipt receipt, int recipients) =>
        $"sent to {recipients - receipt.Refused.Count} of {recipients} recipients; refused: "
        + string.Join("; ", receipt.Refused.Select(r => RecipientMask.Mask(r.Address) + " " + r.Reply));

    /// <summary>
    /// Names one firing of one alarm instance: the alarm key carries the UID (not the href), so a
    /// moved object or a second copy of it in the same account does not send twice.
    /// </summary>
    public static string IdempotencyKey(DueReminder due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var text = due.AlarmKey + "\n" + due.DueAt.ToUnixTimeTicks().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
