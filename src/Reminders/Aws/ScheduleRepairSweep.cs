using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace AuroraTime.Reminders.Aws;

/// <summary>What one repair sweep did.</summary>
/// <param name="Examined">Stored firings looked at (at most <see cref="ScheduleRepairSweep.MaxFirings"/>).</param>
/// <param name="Created">Schedules that were missing and are now created.</param>
public sealed record ScheduleRepairResult(int Examined, int Created);

/// <summary>
/// Creates the Scheduler schedules that stored firings due soon are missing: a create that failed on a
/// write's path (the write is committed, nothing retries it, but the reconciler still stores the plan),
/// or a schedule shared by two copies of one UID and deleted with one of them. Runs from a recurring
/// schedule (template.yaml, every <see cref="Interval"/>); each run looks <see cref="Horizon"/> ahead, so
/// every firing is looked at before it is due. Idempotent: names are deterministic and an existing
/// schedule answers 409 (done). Bounded: at most <see cref="MaxFirings"/> Scheduler calls per run,
/// oldest firings first; an overdue firing gets a schedule a few seconds ahead and the dispatcher's
/// grace period decides whether it is still sent.
/// </summary>
public sealed class ScheduleRepairSweep(IReminderStore store, EventBridgeScheduleSync sync, TimeProvider time, ILogger logger)
{
    /// <summary>How often deploy/aws/template.yaml runs the sweep.</summary>
    public static readonly Duration Interval = Duration.FromMinutes(15);

    /// <summary>How far ahead a run looks: more than two intervals, so a run that fails or is late is covered by the next.</summary>
    public static readonly Duration Horizon = Duration.FromMinutes(40);

    public const int MaxFirings = 500;

    private const int PageSize = 100;

    public async Task<ScheduleRepairResult> SweepAsync(CancellationToken cancellationToken)
    {
        var dueBy = time.Now() + Horizon;
        var request = PageRequest.First(PageSize);
        var examined = 0;
        var created = 0;
        while (examined < MaxFirings)
        {
            var page = await store.ListDueRemindersAsync(dueBy, request, cancellationToken).ConfigureAwait(false);
            foreach (var due in page.Items.Take(MaxFirings - examined))
            {
                examined++;
                if (await sync.EnsureAsync(due, cancellationToken).ConfigureAwait(false) == ScheduleOutcome.Created)
                {
                    created++;
                }
            }
            if (page.NextRequest(PageSize) is not { } next)
            {
                break;
            }
            request = next;
        }
        AwsLog.RepairSwept(logger, examined, created);
        return new ScheduleRepairResult(examined, created);
    }
}
