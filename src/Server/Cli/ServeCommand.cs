using System.CommandLine;
using AuroraTime.Server.Accounts;
using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Cli;

/// <summary><c>aurora serve [--urls URL] [--data DIR]</c>: runs the server until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, Option<string?> data)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5232 (default: setting 'Urls', else http://localhost:5000)" };
        var command = new Command("serve", "Run the CalDAV server") { urls };
        command.SetAction(async (parsed, ct) =>
        {
            var overrides = CommandScope.Overrides(context, parsed.GetValue(data));
            if (parsed.GetValue(urls) is { Length: > 0 } listen)
            {
                overrides["Urls"] = listen;
            }
            await using var app = ServerHost.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(overrides);
                context.ConfigureHost?.Invoke(builder);
            });
            // Inside Lambda stdout is a log: no one-time password goes there (accounts come from Cognito).
            var password = Aws.LambdaEnvironment.IsLambda(Environment.GetEnvironmentVariable)
                ? null : await app.Services.GetRequiredService<AccountAdministration>().EnsureFirstAccountAsync(ct);
            if (password is not null)
            {
                await context.Error.WriteLineAsync("Empty data folder: created user 'admin'. Its password, shown once:");
                await context.Out.WriteLineAsync(password);
                await context.Out.FlushAsync(ct);
            }
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
