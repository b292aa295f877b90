using System.Net;
using System.Text.Json;
using AuroraTime.Reminders.Aws;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// Issue 5, AWS mode: schedule names include the calendar, because RFC 4791 section 5.3.2 makes a UID
/// unique per calendar only and a COPY to another calendar gives two objects the same alarm keys. Through
/// the real server and real CalDAV requests: copies keep separate schedules, a MOVE or rename across
/// calendars replaces the schedules, and a calendar replaced by an overwriting MOVE takes its own along.
/// </summary>
public sealed class PerCalendarScheduleTests : IAsyncLifetime
{
    private const string Sent = "{\"outcome\":\"Sent\"}";

    private readonly AwsModeHost host = new();

    public Task InitializeAsync() => host.StartAsync();

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    private FakeSchedulerService Scheduler => host.Scheduler;

    /// <summary>Where a schedule's input says its firing is: "collection/href".</summary>
    private static string Target(FakeSchedulerService.Schedule schedule)
    {
        using var input = JsonDocument.Parse(schedule.Input);
        return input.RootElement.GetProperty("collection").GetString() + "/" + input.RootElement.GetProperty("href").GetString();
    }

    private FakeSchedulerService.Schedule ScheduleOf(string target) => Scheduler.Schedules.Values.Single(s => Target(s) == target);

    private int Emails => Directory.Exists(host.Outbox) ? Directory.GetFiles(host.Outbox, "*.eml").Length : 0;

    [Fact]
    public async Task The_same_event_in_two_calendars_has_two_schedules_and_deleting_one_copy_leaves_the_other_which_sends_one_email()
    {
        await host.MakeCalendarAsync("work");
        await host.MakeCalendarAsync("home");
        // Alarms 15 and 60 minutes before a start 16 minutes from now: only the first is planned.
        var copy = AwsModeHost.Event("shared-uid", start: AwsModeHost.Soon(16));
        await host.PutAsync("/calendars/alice/work/a.ics", copy);
        await host.PutAsync("/calendars/alice/home/a.ics", copy);
        Assert.Equal(2, host.TakeCalls().Count(c => c.StartsWith("create ", StringComparison.Ordinal)));
        var ofWork = ScheduleOf("work/a.ics");
        var ofHome = ScheduleOf("home/a.ics");
        Assert.NotEqual(ofWork.Name, ofHome.Name);
        Assert.Equal(ofWork.Expression, ofHome.Expression);

        Assert.Equal(HttpStatusCode.NoContent, await host.SendAsync("DELETE", "/calendars/alice/work/a.ics"));

        Assert.Equal(["delete " + ofWork.Name], host.TakeCalls());
        Assert.Equal(ofHome.Name, Assert.Single(Scheduler.Schedules.Values).Name);
        Assert.Equal(Sent, await host.PostEventAsync(Scheduler.Fire(ofHome.Name)));
        Assert.Equal(1, Emails);
    }

    [Fact]
    public async Task A_MOVE_to_another_calendar_deletes_the_old_schedule_and_creates_one_there_which_sends_one_email()
    {
        await host.MakeCalendarAsync("work");
        await host.MakeCalendarAsync("home");
        await host.PutAsync("/calendars/alice/work/a.ics", AwsModeHost.Event("a", start: AwsModeHost.Soon(16)));
        var old = ScheduleOf("work/a.ics");
        host.TakeCalls();

        Assert.Equal(HttpStatusCode.Created, await host.SendAsync("MOVE", "/calendars/alice/work/a.ics", "/calendars/alice/home/moved.ics"));

        var moved = ScheduleOf("home/moved.ics");
        Assert.Equal(["delete " + old.Name, "create " + moved.Name], host.TakeCalls());
        Assert.Equal(old.Expression, moved.Expression);
        Assert.Equal(Sent, await host.PostEventAsync(Scheduler.Fire(moved.Name)));
        Assert.Empty(Scheduler.Schedules);
        Assert.Equal(1, Emails);
    }

    [Fact]
    public async Task Renaming_a_calendar_replaces_the_schedules_of_its_events_and_the_new_one_sends()
    {
        await host.MakeCalendarAsync("work");
        await host.PutAsync("/calendars/alice/work/a.ics", AwsModeHost.Event("a", start: AwsModeHost.Soon(16)));
        await host.PutAsync("/calendars/alice/work/b.ics", AwsModeHost.Event("b"));
        var old = Scheduler.Schedules.Keys.Select(n => "delete " + n).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, old.Count);
        host.TakeCalls();

        Assert.Equal(HttpStatusCode.Created, await host.SendAsync("MOVE", "/calendars/alice/work/", "/calendars/alice/office/"));

        var calls = host.TakeCalls();
        Assert.Equal(old, calls.Where(c => c.StartsWith("delete ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(3, calls.Count(c => c.StartsWith("create ", StringComparison.Ordinal)));
        Assert.All(Scheduler.Schedules.Values, s => Assert.StartsWith("office/", Target(s), StringComparison.Ordinal));
        Assert.Equal(3, Scheduler.Schedules.Count);
        Assert.Equal(Sent, await host.PostEventAsync(Scheduler.Fire(ScheduleOf("office/a.ics").Name)));
        Assert.Equal(1, Emails);
    }

    [Fact]
    public async Task A_calendar_MOVE_with_Overwrite_T_deletes_exactly_the_replaced_calendars_schedules()
    {
        await host.MakeCalendarAsync("work");
        await host.MakeCalendarAsync("home");
        await host.PutAsync("/calendars/alice/work/a.ics", AwsModeHost.Event("a"));
        await host.PutAsync("/calendars/alice/home/b.ics", AwsModeHost.Event("b", start: "20300602T090000Z"));
        await host.PutAsync("/calendars/alice/home/c.ics", AwsModeHost.Event("c", start: "20300603T090000Z"));
        var ofHome = Scheduler.Schedules.Values.Where(s => Target(s).StartsWith("home/", StringComparison.Ordinal)).Select(s => "delete " + s.Name).ToList();
        var ofWork = Scheduler.Schedules.Values.Where(s => Target(s).StartsWith("work/", StringComparison.Ordinal)).Select(s => "delete " + s.Name).ToList();
        Assert.Equal(4, ofHome.Count);
        host.TakeCalls();

        Assert.Equal(HttpStatusCode.PreconditionFailed, await host.SendAsync("MOVE", "/calendars/alice/work/", "/calendars/alice/home/"));
        Assert.Empty(host.TakeCalls());

        Assert.Equal(HttpStatusCode.NoContent, await host.SendAsync("MOVE", "/calendars/alice/work/", "/calendars/alice/home/", overwrite: true));

        var calls = host.TakeCalls();
        Assert.Equal(ofHome.Concat(ofWork).Order(StringComparer.Ordinal), calls.Where(c => c.StartsWith("delete ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(2, calls.Count(c => c.StartsWith("create ", StringComparison.Ordinal)));
        Assert.Equal(["home/a.ics", "home/a.ics"], Scheduler.Schedules.Values.Select(Target));
    }

    [Fact]
    public async Task A_calendar_COPY_with_Overwrite_T_deletes_the_replaced_schedules_and_schedules_the_copies()
    {
        await host.MakeCalendarAsync("work");
        await host.MakeCalendarAsync("home");
        await host.PutAsync("/calendars/alice/work/a.ics", AwsModeHost.Event("a"));
        await host.PutAsync("/calendars/alice/home/b.ics", AwsModeHost.Event("b", start: "20300602T090000Z"));
        var ofHome = Scheduler.Schedules.Values.Where(s => Target(s) == "home/b.ics").Select(s => "delete " + s.Name).Order(StringComparer.Ordinal).ToList();
        host.TakeCalls();

        Assert.Equal(HttpStatusCode.NoContent, await host.SendAsync("COPY", "/calendars/alice/work/", "/calendars/alice/home/", overwrite: true));

        var calls = host.TakeCalls();
        Assert.Equal(ofHome, calls.Where(c => c.StartsWith("delete ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(2, calls.Count(c => c.StartsWith("create ", StringComparison.Ordinal)));
        Assert.Equal(["home/a.ics", "home/a.ics", "work/a.ics", "work/a.ics"], Scheduler.Schedules.Values.Select(Target).Order(StringComparer.Ordinal));
    }

    private async Task MakePlainCollectionAsync(string path)
    {
        Assert.Equal(HttpStatusCode.Created, await host.SendAsync("MKCOL", $"/calendars/alice/{path}/"));
    }

    [Fact]
    public async Task Deleting_a_plain_collection_that_holds_calendars_deletes_exactly_their_schedules_by_their_own_names()
    {
        await MakePlainCollectionAsync("group");
        await host.MakeCalendarAsync("group/team");
        await MakePlainCollectionAsync("group/sub");
        await host.MakeCalendarAsync("group/sub/deeper");
        await host.MakeCalendarAsync("home");
        await host.PutAsync("/calendars/alice/group/team/a.ics", AwsModeHost.Event("a"));
        await host.PutAsync("/calendars/alice/group/sub/deeper/a.ics", AwsModeHost.Event("a", start: "20300602T090000Z"));
        await host.PutAsync("/calendars/alice/home/b.ics", AwsModeHost.Event("b"));
        var ofGroup = Scheduler.Schedules.Values.Where(s => Target(s).StartsWith("group/", StringComparison.Ordinal))
            .Select(s => "delete " + s.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, ofGroup.Count);
        var ofHome = Scheduler.Schedules.Keys.Except(ofGroup.Select(d => d["delete ".Length..])).Order(StringComparer.Ordinal).ToList();
        host.TakeCalls();

        Assert.Equal(HttpStatusCode.NoContent, await host.SendAsync("DELETE", "/calendars/alice/group/"));

        // Named after group/team and group/sub/deeper (not after group): each delete hits a real schedule.
        Assert.Equal(ofGroup, host.TakeCalls().Order(StringComparer.Ordinal));
        Assert.Equal(ofHome, Scheduler.Schedules.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_MOVE_with_Overwrite_T_over_a_plain_collection_that_holds_a_calendar_deletes_that_calendars_schedules()
    {
        await host.MakeCalendarAsync("work");
        await MakePlainCollectionAsync("group");
        await host.MakeCalendarAsync("group/team");
        await host.PutAsync("/calendars/alice/work/a.ics", AwsModeHost.Event("a"));
        await host.PutAsync("/calendars/alice/group/team/b.ics", AwsModeHost.Event("b", start: "20300602T090000Z"));
        var deletes = Scheduler.Schedules.Keys.Select(n => "delete " + n).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, deletes.Count);
        host.TakeCalls();

        Assert.Equal(HttpStatusCode.NoContent, await host.SendAsync("MOVE", "/calendars/alice/work/", "/calendars/alice/group/", overwrite: true));

        // group/team's schedules by their own names, work's because its events moved to group/.
        var calls = host.TakeCalls();
        Assert.Equal(deletes, calls.Where(c => c.StartsWith("delete ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["group/a.ics", "group/a.ics"], Scheduler.Schedules.Values.Select(Target));
    }

    [Fact]
    public async Task A_schedule_named_before_the_upgrade_still_sends_and_its_new_name_twin_from_the_repair_sweep_does_not_send_again()
    {
        await host.MakeCalendarAsync("work");
        await host.PutAsync("/calendars/alice/work/a.ics", AwsModeHost.Event("a", start: AwsModeHost.Soon(30)));
        // Stand in for a schedule created under the old naming: same input, a name the new code never computes.
        var current = Scheduler.Schedules.Values.Single();
        Assert.True(Scheduler.Schedules.TryRemove(current.Name, out _));
        Assert.True(Scheduler.Schedules.TryAdd("aurora-legacy", current with { Name = "aurora-legacy" }));

        Assert.Equal("{\"examined\":1,\"created\":1}", await host.PostEventAsync(SchedulerEvent.RepairSweepInput));
        Assert.Equal(current.Name, Scheduler.Schedules.Keys.Single(n => n != "aurora-legacy"));

        Assert.Equal(Sent, await host.PostEventAsync(Scheduler.Fire("aurora-legacy")));
        Assert.Equal("{\"outcome\":\"AlreadyClaimed\"}", await host.PostEventAsync(Scheduler.Fire(current.Name)));
        Assert.Equal(1, Emails);
    }
}
