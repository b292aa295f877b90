using AuroraTime.Storage.Contract;
using NodaTime;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;
using static AuroraTime.Reminders.Tests.Scheduling.ReminderSchedulerTests;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// Issue 5 item 1: DISPLAY and AUDIO alarms email the owner only while the account's setting is on
/// (default on); ACTION:EMAIL alarms go to their attendees regardless. A switch takes effect for
/// firings planned before it, because a firing re-plans from the current settings before sending.
/// </summary>
public class DisplayAlarmEmailSettingTests
{
    private static readonly string WithEmailAlarm = WeeklyBerlin.Replace("END:VEVENT", """
        BEGIN:VALARM
        ACTION:EMAIL
        TRIGGER:-PT30M
        SUMMARY:Soon
        DESCRIPTION:Weekly sync soon
        ATTENDEE:mailto:bob@example.com
        END:VALARM
        END:VEVENT
        """, StringComparison.Ordinal);

    [Fact]
    public async Task Turning_the_setting_off_silences_planned_display_alarms_but_not_email_alarms()
    {
        await using var fixture = new SchedulerFixture(Utc("2026-01-01T00:00:00Z"));
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "weekly.ics", WithEmailAlarm);
        Assert.Equal(2, (await node.Store.GetPendingRemindersAsync(new ObjectRef(SchedulerFixture.Calendar, "weekly.ics"))).Count);

        Assert.Equal(StoreOutcome.Ok, await node.Store.UpdateAccountSettingsAsync("alice", new AccountSettings("Europe/Berlin", EmailDisplayAlarms: false)));
        while (await fixture.StepAsync(Utc("2026-01-06T00:00:00Z"), node))
        {
        }
        var email = Assert.Single(fixture.Sender.Sent);
        Assert.Equal((Utc("2026-01-05T07:30:00Z"), "bob@example.com"), (email.At, Assert.Single(email.Message.Recipients)));

        fixture.Clock.AdvanceTo(Utc("2026-01-06T00:00:00Z").ToDateTimeOffset());
        Assert.Equal(StoreOutcome.Ok, await node.Store.UpdateAccountSettingsAsync("alice", new AccountSettings("Europe/Berlin", EmailDisplayAlarms: true)));
        await SchedulerFixture.PutAsync(node, "weekly.ics", WithEmailAlarm); // any write re-plans with the new setting
        while (await fixture.StepAsync(Utc("2026-01-13T00:00:00Z"), node))
        {
        }
        Assert.Equal(
            [(Utc("2026-01-12T07:30:00Z"), "bob@example.com"), (Utc("2026-01-12T07:45:00Z"), "alice@localhost")],
            fixture.Sender.Sent.Skip(1).Select(s => (s.At, Assert.Single(s.Message.Recipients))));
    }
}
