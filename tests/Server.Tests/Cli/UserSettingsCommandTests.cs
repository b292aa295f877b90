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
