using System.Globalization;
using AuroraTime.Reminders;
using AuroraTime.Reminders.Planning;
using AuroraTime.Storage.Contract;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Server.Api;

/// <summary>
/// GET /api/reminders/upcoming: the caller's next reminder firings, computed by the same planner the
/// scheduler uses (so what the page shows is what will be sent), over the caller's calendars.
/// </summary>
internal static class ReminderEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;
    public const int DefaultDays = 7;
    public const int MaxDays = 366;

    public static void Map(RouteGroupBuilder api) => api.MapMethods("/reminders/upcoming", HeadRequests.GetAndHead, UpcomingAsync).WithHead();

    private static async Task<IResult> UpcomingAsync(HttpContext context, IStore store, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = Number(context, "limit", DefaultLimit, MaxLimit, errors);
        var days = Number(context, "days", DefaultDays, MaxDays, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var user = ApiCaller.UserName(context)!;
        if (await store.GetAccountAsync(user, context.RequestAborted) is not { } account)
        {
            return Problems.NotFound("The account no longer exists.");
        }
        var options = context.RequestServices.GetService<ReminderOptions>() ?? ReminderOptions.Default;
        var owner = new PlanningOwner(user, account.Settings.TimeZoneId, account.Settings.EmailDisplayAlarms, options.ServerZone ?? DateTimeZone.Utc);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var until = now + Duration.FromDays(days);
        var found = new List<ApiUpcomingReminder>();
        foreach (var calendar in await ApiCalendars.ListAsync(store, user, context.RequestAborted))
        {
            // Objects whose last instance ends before now cannot fire any more (alarms fire before or near their instance).
            PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
            while (page is not null)
            {
                var result = await store.FindObjectsInRangeAsync(calendar.Ref, new TimeRangeQuery(now - Duration.FromDays(1), null), page, context.RequestAborted);
                foreach (var stored in result.Items)
                {
                    AddFirings(found, calendar.Ref.Path, stored, owner, now, until, limit);
                }
                page = result.NextRequest(PageRequest.MaxLimit);
            }
        }
        var upcoming = found.OrderBy(r => r.FireAt, StringComparer.Ordinal).ThenBy(r => r.EventUid, StringComparer.Ordinal).Take(limit).ToList();
        return TypedResults.Json<IReadOnlyList<ApiUpcomingReminder>>(upcoming, ApiJsonContext.Default.IReadOnlyListApiUpcomingReminder);
    }

    /// <summary>
    /// The planner gives the next firing of each alarm after a moment; stepping that moment forward
    /// collects the later firings of series too, up to <paramref name="limit"/> per object.
    /// </summary>
    private static void AddFirings(List<ApiUpcomingReminder> found, string calendarId, StoredObject stored, PlanningOwner owner, Instant now, Instant until, int limit)
    {
        var after = now;
        for (var step = 0; step < limit; step++)
        {
            var plan = AlarmPlanner.Plan(stored.Data.Span, owner, after);
            if (plan.Count == 0 || plan[0].DueAt > until)
            {
                return;
            }
            var due = plan[0].DueAt;
            foreach (var firing in plan.TakeWhile(p => p.DueAt == due))
            {
                found.Add(new ApiUpcomingReminder(
                    calendarId, stored.Summary.Uid ?? "", firing.Summary, Format(firing.InstanceStart), Format(firing.DueAt),
                    firing.Action == AlarmAction.Email ? "email" : firing.Action == AlarmAction.Audio ? "audio" : "display"));
            }
            after = due;
        }
    }

    private static int Number(HttpContext context, string name, int fallback, int max, Dictionary<string, string[]> errors)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }
        errors[name] = [$"{name} is a whole number from 1 to {max}."];
        return fallback;
    }

    private static string Format(Instant instant) => InstantPattern.General.Format(instant);
}
