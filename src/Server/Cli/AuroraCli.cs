using System.CommandLine;

namespace AuroraTime.Server.Cli;

/// <summary>
/// The <c>aurora</c> command line (System.CommandLine). Exit codes: 0 ok, 1 failure, 2 usage error.
/// Every subcommand takes --data and works while a server runs on the same folder.
/// </summary>
public static class AuroraCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }
            await context.Error.WriteLineAsync("Run 'aurora --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything unexpected (an unreadable database, a full disk...) is a failure with a message, not a stack trace.
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    internal static RootCommand Build(CliContext context)
    {
        var data = new Option<string?>("--data")
        {
            Description = "Data folder holding the SQLite database (default: setting 'Data', else ./data)",
            Recursive = true,
        };
        var root = new RootCommand("AuroraTime: a CalDAV calendar server")
        {
            data,
            ServeCommand.Create(context, data),
            UserCommands.Create(context, data),
            AppPasswordCommands.Create(context, data),
            FeedCommands.Create(context, data),
            CalendarFileCommands.CreateImport(context, data),
            CalendarFileCommands.CreateExport(context, data),
        };
        return root;
    }

    /// <summary>Reads one password line from standard input (--password-stdin), without its line break.</summary>
    internal static async Task<string?> ReadPasswordAsync(CliContext context)
    {
        var line = await context.In.ReadLineAsync();
        return string.IsNullOrEmpty(line) ? null : line;
    }
}
