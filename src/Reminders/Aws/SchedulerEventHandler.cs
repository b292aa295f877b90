using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Reminders.Aws;

/// <summary>What became of one scheduler event.</summary>
/// <param name="Outcome">The firing's outcome; null for a repair sweep and for a refused event (malformed or a wrong MAC).</param>
/// <param name="Repair">What the repair sweep did, for the repair schedule's event.</param>
public sealed record SchedulerEventResult(DispatchOutcome? Outcome, ScheduleRepairResult? Repair = null)
{
    public bool Refused => Outcome is null && Repair is null;
}

/// <summary>
/// Handles a fired schedule: checks the event's MAC, finds the object (where the event says, or where
/// a MOVE took it since) and hands the firing to the <see cref="ReminderDispatcher"/>, which re-checks
/// the current data, claims the firing in the store's sent log before sending and rolls the series on
/// (creating the next schedule through the reconciler). A retried or duplicated event finds the claim
/// and sends nothing.
/// </summary>
/// <remarks>
/// Deliveries that failed transiently (or whose attempt died) are retried by the dispatcher from the
/// store's delivery state; with no in-process loop in this mode, every event runs the retries that are
/// due and, when more wait, asks <paramref name="retries"/> for a wake-up schedule at the next one.
/// </remarks>
/// <para>The recurring repair schedule's event (<see cref="SchedulerEvent.RepairSweepInput"/>) runs <paramref name="repair"/>.</para>
public sealed class SchedulerEventHandler(
    IStore store, ReminderDispatcher dispatcher, EventBridgeOptions options, ILogger logger, EventBridgeScheduleSync? retries = null, ScheduleRepairSweep? repair = null)
{
    /// <summary>How many pages of due firings to look through for a moved object before giving up.</summary>
    private const int MaxSearchPages = 20;

    private const int SearchPageSize = 100;

    public async Task<SchedulerEventResult> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (repair is not null && SchedulerEvent.IsRepairSweep(body.Span))
        {
            return new SchedulerEventResult(null, await repair.SweepAsync(cancellationToken).ConfigureAwait(false));
        }
        if (SchedulerEvent.TryRead(body.Span, options.EventSecret) is not { } received)
        {
            AwsLog.SchedulerEventRefused(logger);
            return new SchedulerEventResult(null);
        }
        var due = await LocateAsync(received.Due, cancellationToken).ConfigureAwait(false);
        var outcome = await dispatcher.DispatchAsync(due, cancellationToken).ConfigureAwait(false);
        AwsLog.SchedulerEventHandled(logger, due.AlarmKey, outcome.ToString());
        await dispatcher.RetryDueAsync(cancellationToken).ConfigureAwait(false);
        if (retries is not null && await dispatcher.NextRetryAsync(cancellationToken).ConfigureAwait(false) is { } next)
        {
            await retries.ScheduleRetryAsync(next, due, cancellationToken).ConfigureAwait(false);
        }
        return new SchedulerEventResult(outcome);
    }

    /// <summary>
    /// The firing as the store has it now. The schedule names the object where it was when scheduled;
    /// a MOVE within the calendar keeps the firing (and its schedule name) but changes the href, so when
    /// the object is not there the calendar's matching due firing is looked up. Only the same calendar:
    /// another calendar may hold a copy of the UID with the same alarm keys (RFC 4791 section 5.3.2),
    /// which has its own schedule, and a MOVE to another calendar got new schedules. Not found: the
    /// original, which the dispatcher reports as gone.
    /// </summary>
    private async Task<DueReminder> LocateAsync(DueReminder due, CancellationToken cancellationToken)
    {
        if (await store.GetObjectAsync(due.Resource, cancellationToken).ConfigureAwait(false) is not null)
        {
            return due;
        }
        var request = PageRequest.First(SearchPageSize);
        for (var page = 0; page < MaxSearchPages; page++)
        {
            var found = await store.ListDueRemindersAsync(due.DueAt, request, cancellationToken).ConfigureAwait(false);
            var match = found.Items.FirstOrDefault(d =>
                d.DueAt == due.DueAt
                && string.Equals(d.AlarmKey, due.AlarmKey, StringComparison.Ordinal)
                && d.Resource.Collection == due.Resource.Collection);
            if (match is not null)
            {
                return match;
            }
            if (found.NextRequest(SearchPageSize) is not { } next)
            {
                break;
            }
            request = next;
        }
        return due;
    }
}
