using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// The self-hosted scheduler: sleeps until the earliest planned firing (or a plan change, or
/// <see cref="ReminderOptions.MaxSleep"/>), then dispatches everything due. State lives in the
/// store only, so a restart resumes where it stopped: what fell due while down is sent when within
/// the grace period and recorded as skipped otherwise (see <see cref="ReminderDispatcher"/>).
/// </summary>
public sealed class ReminderScheduler(
    IReminderStore store, ReminderDispatcher dispatcher, PlanChangeSignal signal, ReminderOptions options, TimeProvider time, ILogger<ReminderScheduler> logger)
    : BackgroundService
{
    private const int PageSize = 100;
    private static readonly Duration ErrorBackoff = Duration.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            signal.Awake();
            var changed = signal.NextChange;
            Duration sleep;
            try
            {
                await RunDueAsync(stoppingToken).ConfigureAwait(false);
                sleep = await SleepLengthAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LoopFailed(logger, e);
                sleep = ErrorBackoff;
            }
            if (sleep > Duration.Zero)
            {
                signal.SleepingUntil(time.Now() + sleep);
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(sleep.ToTimeSpan(), time, wake.Token);
                await Task.WhenAny(delay, changed).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Dispatches every firing due now, oldest first, then the retries that are due.</summary>
    /// <returns>How many firings and retries were looked at.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.Now();
        var request = PageRequest.First(PageSize);
        var count = 0;
        while (true)
        {
            var page = await store.ListDueRemindersAsync(now, request, cancellationToken).ConfigureAwait(false);
            foreach (var due in page.Items)
            {
                await dispatcher.DispatchAsync(due, cancellationToken).ConfigureAwait(false);
                count++;
            }
            if (page.NextRequest(PageSize) is not { } next)
            {
                return count + await dispatcher.RetryDueAsync(cancellationToken).ConfigureAwait(false);
            }
            request = next;
        }
    }

    /// <summary>The earliest planned firing or retry, if any within the longest sleep.</summary>
    public async Task<Instant?> NextDueAsync(CancellationToken cancellationToken)
    {
        var horizon = time.Now() + options.MaxSleep;
        var retry = await dispatcher.NextRetryAsync(cancellationToken).ConfigureAwait(false);
        var request = PageRequest.First(1);
        while (true)
        {
            var page = await store.ListDueRemindersAsync(horizon, request, cancellationToken).ConfigureAwait(false);
            if (page.Items.Count > 0)
            {
                var firing = page.Items[0].DueAt;
                return retry is { } r && r < firing ? r : firing;
            }
            if (page.NextRequest(1) is not { } next)
            {
                return retry is { } r && r <= horizon ? r : null;
            }
            request = next;
        }
    }

    private async Task<Duration> SleepLengthAsync(CancellationToken cancellationToken)
    {
        var next = await NextDueAsync(cancellationToken).ConfigureAwait(false);
        var now = time.Now();
        return next is { } due ? Duration.Max(Duration.Zero, due - now) : options.MaxSleep;
    }
}
