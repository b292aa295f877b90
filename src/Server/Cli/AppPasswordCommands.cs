using System.CommandLine;
using System.Globalization;
using NodaTime.Text;

namespace AuroraTime.Server.Cli;

/// <summary><c>aurora app-password create NAME [LABEL] | list NAME | revoke NAME ID</c>.</summary>
internal static class AppPasswordCommands
{
    public static Command Create(CliContext context, Option<string?> data)
    {
        var command = new Command("app-password", "Manage per-device passwords for CalDAV clients");

        var createName = new Argument<string>("NAME") { Description = "User name" };
        var label = new Argument<string>("LABEL") { Description = "What the password is for, e.g. the device", DefaultValueFactory = _ => "device" };
        var create = new Command("create", "Mint an app password (printed once)") { createName, label };
        create.SetAction(async (parsed, ct) =>
        {
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var name = parsed.GetRequiredValue(createName);
            var result = await scope.Accounts.CreateAppPasswordAsync(name, parsed.GetValue(label) ?? "device", ct);
            if (!result.Ok)
            {
                await context.Error.WriteLineAsync($"error: {result.Error}");
                return ExitCodes.Failure;
            }
            await context.Error.WriteLineAsync($"created app password {result.Id} for {name}; shown once:");
            await context.Out.WriteLineAsync(result.Secret);
            return ExitCodes.Ok;
        });

        var listName = new Argument<string>("NAME") { Description = "User name" };
        var list = new Command("list", "List app passwords (never their secrets)") { listName };
        list.SetAction(async (parsed, ct) =>
        {
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var name = parsed.GetRequiredValue(listName);
            var passwords = await scope.Accounts.ListAppPasswordsAsync(name, ct);
            if (passwords is null)
            {
                await context.Error.WriteLineAsync($"error: no user '{name}'");
                return ExitCodes.Failure;
            }
            await context.Out.WriteLineAsync("ID\tCREATED\tLAST USED\tLABEL");
            foreach (var p in passwords)
            {
                var lastUsed = p.LastUsedAt is { } used ? InstantPattern.General.Format(used) : "never";
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Id}\t{InstantPattern.General.Format(p.CreatedAt)}\t{lastUsed}\t{p.Label}"));
            }
            return ExitCodes.Ok;
        });

        var revokeName = new Argument<string>("NAME") { Description = "User name" };
        var id = new Argument<string>("ID") { Description = "The id shown by create and list" };
        var revoke = new Command("revoke", "Revoke an app password; it stops working at once") { revokeName, id };
        revoke.SetAction(async (parsed, ct) =>
        {
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var result = await scope.Accounts.RevokeAppPasswordAsync(parsed.GetRequiredValue(revokeName), parsed.GetRequiredValue(id), ct);
            return await UserCommands.Report(context, result, $"revoked app password {parsed.GetValue(id)}");
        });

        command.Add(create);
        command.Add(list);
        command.Add(revoke);
        return command;
    }
}
