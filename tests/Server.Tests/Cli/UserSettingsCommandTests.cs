using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Cli;

/// <summary><c>aurora user set NAME --display-alarm-emails on|off</c> (issue 5 item 1, the per-user setting).</summary>
public class UserSettingsCommandTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_display_alarm_email_switch_is_stored_in_the_account_and_defaults_to_on()
    {
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunWithInputAsync("long-enough-pw\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path)).ExitCode);
        Assert.True((await StoreAccess.AccountAsync(_data.Path, "alice"))!.Settings.EmailDisplayAlarms);

        var off = await CliRunner.RunAsync("user", "set", "alice", "--display-alarm-emails", "off", "--data", _data.Path);
        Assert.Equal(ExitCodes.Ok, off.ExitCode);
        Assert.False((await StoreAccess.AccountAsync(_data.Path, "alice"))!.Settings.EmailDisplayAlarms);

        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("user", "set", "alice", "--display-alarm-emails", "on", "--data", _data.Path)).ExitCode);
        Assert.True((await StoreAccess.AccountAsync(_data.Path, "alice"))!.Settings.EmailDisplayAlarms);
    }

    [Fact]
    public async Task Switching_back_on_re_plans_objects_written_while_it_was_off()
    {
        await CliRunner.RunWithInputAsync("long-enough-pw\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path);
        await CliRunner.RunAsync("user", "set", "alice", "--display-alarm-emails", "off", "--data", _data.Path);
        var calendar = new AuroraTime.Storage.Contract.CollectionRef("alice", "work");
        var resource = calendar.Object("e.ics");
        await using (var store = await StoreAccess.OpenAsync(_data.Path))
        {
            await store.CreateCollectionAsync(calendar, AuroraTime.Storage.Contract.CollectionKind.Calendar, new AuroraTime.Storage.Contract.CollectionProperties());
            var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:e\r\nDTSTAMP:20260101T000000Z\r\n" +
                      "DTSTART:20300601T080000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
            await store.PutObjectAsync(resource, new AuroraTime.Storage.Contract.ObjectContent(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar"), AuroraTime.Storage.Contract.WritePrecondition.None);
            Assert.Empty(await store.GetPendingRemindersAsync(resource));
        }

        var on = await CliRunner.RunAsync("user", "set", "alice", "--display-alarm-emails", "on", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, on.ExitCode);
        Assert.Contains("re-planned the reminders of 1 object(s)", on.Error);
        await using var reopened = await StoreAccess.OpenAsync(_data.Path);
        var pending = Assert.Single(await reopened.GetPendingRemindersAsync(resource));
        Assert.Equal(NodaTime.Instant.FromUtc(2030, 6, 1, 7, 45), pending.DueAt);
    }

    [Theory]
    [InlineData("nobody", "off", "no user nobody")]
    [InlineData("alice", "maybe", "maybe")]
    public async Task Unknown_users_and_values_are_refused(string user, string value, string message)
    {
        await CliRunner.RunWithInputAsync("long-enough-pw\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path);

        var result = await CliRunner.RunAsync("user", "set", user, "--display-alarm-emails", value, "--data", _data.Path);

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.True((await StoreAccess.AccountAsync(_data.Path, "alice"))!.Settings.EmailDisplayAlarms);
    }
}
