using System.CommandLine;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Cli;

/// <summary>
/// <c>aurora user set NAME --display-alarm-emails on|off</c>: the per-account switch (stored in the
/// account's settings, default on) that decides whether DISPLAY and AUDIO alarms are also emailed to
/// the calendar owner. ACTION:EMAIL alarms are always sent. Already planned firings follow the change:
/// a firing re-plans from the current settings before it sends.
/// </summary>
internal static class UserSettingsCommand
{
    public static Command Create(CliContext context, Option<string?> data)
    {
        var name = new Argument<string>("NAME") { Description = "User name" };
        var displayAlarmEmails = new Option<string?>("--display-alarm-emails") { Description = "Email me my DISPLAY/AUDIO alarms: on or off" };
        displayAlarmEmails.AcceptOnlyFromAmong("on", "off");
        var command = new Command("set", "Change an account's settings") { name, displayAlarmEmails };
        command.SetAction(async (parsed, ct) =>
        {
            if (parsed.GetValue(displayAlarmEmails) is not { } value)
            {
                await context.Error.WriteLineAsync("error: nothing to set (use --display-alarm-emails on|off)");
                return ExitCodes.Failure;
            }
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var userName = parsed.GetRequiredValue(name);
            var account = await scope.Store.GetAccountAsync(userName, ct);
            if (account is null)
            {
                await context.Error.WriteLineAsync($"error: no user {userName}");
                return ExitCodes.Failure;
            }
            var settings = account.Settings with { EmailDisplayAlarms = value == "on" };
            if (await scope.Store.UpdateAccountSettingsAsync(userName, settings, ct) != StoreOutcome.Ok)
            {
                await context.Error.WriteLineAsync($"error: no user {userName}");
                return ExitCodes.Failure;
            }
            await context.Error.WriteLineAsync($"display/audio alarm emails for {userName}: {value}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
