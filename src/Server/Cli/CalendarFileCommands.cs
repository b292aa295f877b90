using System.CommandLine;
using System.Text;
using AuroraTime.CalDav.CalDav;
using AuroraTime.Server.Calendars;

namespace AuroraTime.Server.Cli;

/// <summary><c>aurora import NAME CALENDAR FILE.ics</c> and <c>aurora export NAME CALENDAR</c>.</summary>
internal static class CalendarFileCommands
{
    public static Command CreateImport(CliContext context, Option<string?> data)
    {
        var user = new Argument<string>("NAME") { Description = "User name" };
        var calendar = new Argument<string>("CALENDAR") { Description = "Calendar name (created when missing)" };
        var file = new Argument<FileInfo>("FILE") { Description = "An .ics file; several events are split into one object per UID" };
        var command = new Command("import", "Import an iCalendar file into a calendar") { user, calendar, file };
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetRequiredValue(file);
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return ExitCodes.Failure;
            }
            var content = await File.ReadAllBytesAsync(path.FullName, ct);
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var calDav = new CalDavService(scope.Store, new CalDavOptions());
            var importer = new CalendarImporter(scope.Store, calDav.TimeEngine, calDav.Options.FloatingZone);
            var report = await importer.ImportAsync(parsed.GetRequiredValue(user), parsed.GetRequiredValue(calendar), content, ct);
            foreach (var error in report.Errors)
            {
                var where = error.Line > 0 ? $"{path.Name}:{error.Line}: " : string.Empty;
                await context.Error.WriteLineAsync($"{where}{error.Message}");
            }
            var calendarNote = report.CalendarCreated ? " (calendar created)" : string.Empty;
            await context.Out.WriteLineAsync($"{report.Created} created, {report.Updated} updated, {report.Errors.Count} errors{calendarNote}");
            return report.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    public static Command CreateExport(CliContext context, Option<string?> data)
    {
        var user = new Argument<string>("NAME") { Description = "User name" };
        var calendar = new Argument<string>("CALENDAR") { Description = "Calendar name" };
        var command = new Command("export", "Write a calendar as one VCALENDAR to standard output") { user, calendar };
        command.SetAction(async (parsed, ct) =>
        {
            await using var scope = await CommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var name = parsed.GetRequiredValue(user);
            var calendarName = parsed.GetRequiredValue(calendar);
            var result = await new CalendarExporter(scope.Store).ExportAsync(name, calendarName, ct);
            if (result is null)
            {
                await context.Error.WriteLineAsync($"error: user '{name}' has no calendar '{calendarName}'");
                return ExitCodes.Failure;
            }
            foreach (var skipped in result.Skipped)
            {
                await context.Error.WriteLineAsync($"skipped unreadable object {skipped}");
            }
            await context.Out.WriteAsync(Encoding.UTF8.GetString(result.Content));
            await context.Out.FlushAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
