using System.CommandLine;

namespace AuroraTime.Server.Cli;

/// <summary><c>aurora user add|passwd|delete|set NAME</c>.</summary>
internal static class UserCommands
{
    public static Command Create(CliContext context, Option<string?> data)
    {
        var user = new Command("user", "Manage accounts");
        user.Add(PasswordCommand("add", "Create an account (prints a generated password unless --password-stdin)", context, data,
            (scope, name, password, ct) => scope.Accounts.CreateUserAsync(name, password, ct), "created user"));
        user.Add(PasswordCommand("passwd", "Set an account's password (prints a generated one unless --password-stdin)", context, data,
            (scope, name, password, ct) => scope.Accounts.SetPasswordAsync(name, password, ct), "changed the password of"));

        var deleteName = new Argument<string>("NAME") { Description = "User name" };
        var delete = new Command("delete", "Delete an account with all its calendars") { deleteName };
        delete.SetAction(async (parsed, ct) =>
        {
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var name = parsed.GetRequiredValue(deleteName);
            var result = await scope.Accounts.DeleteUserAsync(name, ct);
            return await Report(context, result, $"deleted user {name}");
        });
        user.Add(delete);
        user.Add(UserSettingsCommand.Create(context, data));
        return user;
    }

    private static Command PasswordCommand(
        string verb, string description, CliContext context, Option<string?> data,
        Func<CommandScope, string, string?, CancellationToken, Task<Accounts.AdminResult>> action, string done)
    {
        var name = new Argument<string>("NAME") { Description = "User name" };
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var command = new Command(verb, description) { name, fromStdin };
        command.SetAction(async (parsed, ct) =>
        {
            string? password = null;
            if (parsed.GetValue(fromStdin) && (password = await AuroraCli.ReadPasswordAsync(context)) is null)
            {
                await context.Error.WriteLineAsync("error: no password on standard input");
                return ExitCodes.Failure;
            }
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var userName = parsed.GetRequiredValue(name);
            var result = await action(scope, userName, password, ct);
            return await Report(context, result, $"{done} {userName}");
        });
        return command;
    }

    /// <summary>Prints the outcome; a generated secret goes to standard output alone on its line so scripts can read it.</summary>
    internal static async Task<int> Report(CliContext context, Accounts.AdminResult result, string done)
    {
        if (!result.Ok)
        {
            await context.Error.WriteLineAsync($"error: {result.Error}");
            return ExitCodes.Failure;
        }
        await context.Error.WriteLineAsync(done);
        if (result.Secret is { } secret)
        {
            await context.Error.WriteLineAsync("password (shown once):");
            await context.Out.WriteLineAsync(secret);
        }
        return ExitCodes.Ok;
    }
}
