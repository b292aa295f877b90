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
/// </summary>
public sealed class ReminderDispatcher(
    IStore store, ReminderReconciler reconciler, IReminderSender sender, ReminderOptions options, TimeProvider time, ILogger logger)
{
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
        var claim = await store.ClaimReminderAsync(due, key, cancellationToken).ConfigureAwait(false);
        var outcome = claim switch
        {
            StoreOutcome.Created when now - due.DueAt > options.GracePeriod => DispatchOutcome.SkippedLate,
            StoreOutcome.Created => DispatchOutcome.Sent,
            StoreOutcome.AlreadyExists => DispatchOutcome.AlreadyClaimed,
            _ => DispatchOutcome.Gone,
        };
        if (outcome == DispatchOutcome.SkippedLate)
        {
            Log.SkippedLate(logger, due.AlarmKey, due.DueAt.ToString());
        }
        else if (outcome == DispatchOutcome.Sent)
        {
            var message = ReminderEmailComposer.Compose(current, options.OwnerAddress(owner.UserName), owner.Zone, options, now, key);
            try
            {
                await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
                Log.Sent(logger, due.AlarmKey, message.Recipients.Count);
            }
            catch (EmailDeliveryException e)
            {
                Log.SendFailed(logger, due.AlarmKey, e.Message);
                outcome = DispatchOutcome.SendFailed;
            }
        }

        // Roll forward: later firings (the series' next instance of this alarm among them) plus
        // siblings due at the same instant that are not handled yet.
        var rolled = AlarmPlanner.Plan(stored.Data.Span, owner, due.DueAt)
            .Concat(fromHere.Where(p => p.DueAt == due.DueAt && p.AlarmKey != due.AlarmKey));
        if (outcome != DispatchOutcome.Gone)
        {
            await reconciler.SaveAsync(due.Resource, stored.ETag, rolled, cancellationToken).ConfigureAwait(false);
        }
        return outcome;
    }

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
