using System.Net;
using AuroraTime.Reminders.Aws;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// Issue 5 item 2 in the AWS mode, through the real server and real CalDAV requests: PUT, DELETE, MOVE
/// and calendar deletion update exactly the Scheduler schedules that changed (the store reports the
/// firings each write cleared), and the repair schedule's event creates a schedule whose create failed.
/// </summary>
public sealed class ExactScheduleSyncTests : IAsyncLifetime
{
    private readonly AwsModeHost host = new();

    public Task InitializeAsync() => host.StartAsync();

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    private FakeSchedulerService Scheduler => host.Scheduler;

    private static string Event(string uid, string summary = "Review", string start = "20300601T090000Z", params string[] triggers) =>
        AwsModeHost.Event(uid, summary, start, triggers);

    private static string Soon(int minutes) => AwsModeHost.Soon(minutes);

    private Task MakeCalendarAsync(string name) => host.MakeCalendarAsync(name);

    private Task PutAsync(string path, string body) => host.PutAsync(path, body);

    private Task<HttpStatusCode> SendAsync(string method, string path, string? destination = null, bool overwrite = false) =>
        host.SendAsync(method, path, destination, overwrite);

    private string NameAt(string expression) => Scheduler.Schedules.Values.Single(s => s.Expression == expression).Name;

    private List<string> TakeCalls() => host.TakeCalls();

    [Fact]
    public async Task A_PUT_that_changes_only_the_title_calls_Scheduler_not_at_all_and_one_that_moves_an_alarm_deletes_one_and_creates_one()
    {
        await MakeCalendarAsync("work");
        await PutAsync("/calendars/alice/work/a.ics", Event("a"));
        Assert.Equal(2, TakeCalls().Count(c => c.StartsWith("create ", StringComparison.Ordinal)));
        var hourBefore = NameAt("at(2030-06-01T08:00:00)");

        await PutAsync("/calendars/alice/work/a.ics", Event("a", summary: "Review (renamed)"));
        Assert.Empty(TakeCalls());

        await PutAsync("/calendars/alice/work/a.ics", Event("a", triggers: ["-PT15M", "-PT2H"]));
        Assert.Equal(["delete " + hourBefore, "create " + NameAt("at(2030-06-01T07:00:00)")], TakeCalls());
        Assert.Equal(["at(2030-06-01T07:00:00)", "at(2030-06-01T08:45:00)"], Scheduler.Schedules.Values.Select(s => s.Expression).Order(StringComparer.Ordinal));

        // An edit that removes every alarm deletes what is left.
        await PutAsync("/calendars/alice/work/a.ics", Event("a", triggers: [""]));
        Assert.Equal(2, TakeCalls().Count(c => c.StartsWith("delete ", StringComparison.Ordinal)));
        Assert.Empty(Scheduler.Schedules);
    }

    [Fact]
    public async Task A_DELETE_deletes_the_schedules_of_its_firings_and_nothing_else()
    {
        await MakeCalendarAsync("work");
        await PutAsync("/calendars/alice/work/a.ics", Event("a"));
        await PutAsync("/calendars/alice/work/b.ics", Event("b", start: "20300602T090000Z"));
        var ofA = Scheduler.Schedules.Values.Where(s => s.Expression.StartsWith("at(2030-06-01", StringComparison.Ordinal)).Select(s => "delete " + s.Name).ToList();
        TakeCalls();

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync("DELETE", "/calendars/alice/work/a.ics"));

        Assert.Equal(ofA.Order(StringComparer.Ordinal), TakeCalls().Order(StringComparer.Ordinal));
        Assert.All(Scheduler.Schedules.Values, s => Assert.StartsWith("at(2030-06-02", s.Expression, StringComparison.Ordinal));
        Assert.Equal(2, Scheduler.Schedules.Count);
    }

    [Fact]
    public async Task A_MOVE_within_a_calendar_keeps_the_schedules_and_its_event_still_sends_and_a_MOVE_over_an_event_deletes_only_the_replaced_ones()
    {
        await MakeCalendarAsync("work");
        await PutAsync("/calendars/alice/work/a.ics", Event("a", start: Soon(16)));
        await PutAsync("/calendars/alice/work/b.ics", Event("b"));
        var ofB = Scheduler.Schedules.Values.Where(s => s.Expression.StartsWith("at(2030-", StringComparison.Ordinal)).Select(s => "delete " + s.Name).ToList();
        TakeCalls();

        // Schedule names leave the href out (ScheduleNames), so a rename in the calendar changes nothing.
        Assert.Equal(HttpStatusCode.Created, await SendAsync("MOVE", "/calendars/alice/work/a.ics", "/calendars/alice/work/moved.ics"));
        Assert.Empty(TakeCalls());

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync("MOVE", "/calendars/alice/work/moved.ics", "/calendars/alice/work/b.ics", overwrite: true));
        Assert.Equal(ofB.Order(StringComparer.Ordinal), TakeCalls().Order(StringComparer.Ordinal));

        // The schedule still names work/a.ics; the handler finds the firing at work/b.ics.
        var fifteenBefore = Assert.Single(Scheduler.Schedules.Values);
        Assert.Equal("{\"outcome\":\"Sent\"}", await host.PostEventAsync(Scheduler.Fire(fifteenBefore.Name)));
        Assert.Single(Directory.GetFiles(host.Outbox, "*.eml"));
    }

    [Fact]
    public async Task Deleting_a_calendar_deletes_the_schedules_of_every_event_in_it()
    {
        await MakeCalendarAsync("work");
        await MakeCalendarAsync("home");
        await PutAsync("/calendars/alice/work/a.ics", Event("a"));
        await PutAsync("/calendars/alice/work/b.ics", Event("b", start: "20300602T090000Z"));
        await PutAsync("/calendars/alice/home/c.ics", Event("c", start: "20300603T090000Z"));
        var ofWork = Scheduler.Schedules.Values.Where(s => !s.Expression.StartsWith("at(2030-06-03", StringComparison.Ordinal)).Select(s => "delete " + s.Name).ToList();
        Assert.Equal(4, ofWork.Count);
        TakeCalls();

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync("DELETE", "/calendars/alice/work/"));

        Assert.Equal(ofWork.Order(StringComparer.Ordinal), TakeCalls().Order(StringComparer.Ordinal));
        Assert.Equal(2, Scheduler.Schedules.Count);
    }

    [Fact]
    public async Task The_repair_schedule_event_creates_a_schedule_whose_create_failed_during_the_PUT()
    {
        await MakeCalendarAsync("work");
        // Alarms 15 and 60 minutes before a start 30 minutes from now: the first is due within the
        // sweep's horizon, the second is already past and not planned.
        Scheduler.FailNext = 1;
        await PutAsync("/calendars/alice/work/a.ics", Event("a", start: Soon(30)));
        Assert.Empty(Scheduler.Schedules);

        Assert.Equal("{\"examined\":1,\"created\":1}", await host.PostEventAsync(SchedulerEvent.RepairSweepInput));
        Assert.Equal("{\"examined\":1,\"created\":0}", await host.PostEventAsync(SchedulerEvent.RepairSweepInput));

        var schedule = Assert.Single(Scheduler.Schedules.Values);
        Assert.Equal("{\"outcome\":\"Sent\"}", await host.PostEventAsync(Scheduler.Fire(schedule.Name)));
        Assert.Equal("{\"examined\":0,\"created\":0}", await host.PostEventAsync(SchedulerEvent.RepairSweepInput));
        Assert.Single(Directory.GetFiles(host.Outbox, "*.eml"));
    }
}
