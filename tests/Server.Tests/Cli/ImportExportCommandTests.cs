using System.Text;
using AuroraTime.Ical.Reading;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Tests.Cli;

public class ImportExportCommandTests : IDisposable
{
    // Three UIDs: a Berlin series with an override (two VEVENTs, one object), a New York event, a task
    // using no zone; plus one VEVENT without UID starting on line 43, which must be reported with that line.
    private const string MultiEventFile =
        "BEGIN:VCALENDAR\r\n" +
        "VERSION:2.0\r\n" +
        "PRODID:-//Test//Export//EN\r\n" +
        "METHOD:PUBLISH\r\n" +
        "X-WR-CALNAME:Work\r\n" +
        "BEGIN:VTIMEZONE\r\n" +
        "TZID:Europe/Berlin\r\n" +
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n" +
        "END:VTIMEZONE\r\n" +
        "BEGIN:VTIMEZONE\r\n" +
        "TZID:America/New_York\r\n" +
        "BEGIN:STANDARD\r\nDTSTART:19701101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n" +
        "END:VTIMEZONE\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:series-1\r\nDTSTAMP:20250101T000000Z\r\n" +
        "DTSTART;TZID=Europe/Berlin:20250106T090000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\nSUMMARY:Standup\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:series-1\r\nDTSTAMP:20250101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20250113T090000\r\n" +
        "DTSTART;TZID=Europe/Berlin:20250113T100000\r\nSUMMARY:Standup (moved)\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VTODO\r\nUID:task@example.com\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:File taxes\r\nEND:VTODO\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTAMP:20250101T000000Z\r\nDTSTART:20250301T090000Z\r\nSUMMARY:No UID\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:ny-1\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=America/New_York:20250110T120000\r\nSUMMARY:Lunch\r\n" +
        "END:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private async Task<string> PrepareAsync(string content)
    {
        Assert.Equal(0, (await CliRunner.RunWithInputAsync("account-password\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path)).ExitCode);
        var file = _data.File("input.ics");
        await File.WriteAllTextAsync(file, content);
        return file;
    }

    private async Task<IReadOnlyList<StoredObject>> StoredAsync(string calendar)
    {
        await using var store = await StoreAccess.OpenAsync(_data.Path);
        var collection = new CollectionRef("alice", calendar);
        var hrefs = (await store.ListObjectsAsync(collection, PageRequest.First(100))).Items.Select(o => o.Href).ToList();
        return await store.GetObjectsAsync(collection, hrefs);
    }

    [Fact]
    public async Task Import_splits_per_UID_carries_the_needed_timezones_and_reports_the_line_of_a_bad_component()
    {
        var file = await PrepareAsync(MultiEventFile);

        var result = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode); // one component could not be imported
        Assert.Contains("3 created, 0 updated, 1 errors (calendar created)", result.Out);
        Assert.Contains("input.ics:43: VEVENT has no UID", result.Error);
        var objects = (await StoredAsync("work")).ToDictionary(o => o.Summary.Uid!, o => Encoding.UTF8.GetString(o.Data.Span));
        Assert.Equal(["ny-1", "series-1", "task@example.com"], objects.Keys.Order(StringComparer.Ordinal));

        var series = CalendarParser.ParseSingle(objects["series-1"]);
        Assert.Equal(2, series.GetComponents("VEVENT").Count());
        Assert.Equal("Europe/Berlin", Assert.Single(series.GetComponents("VTIMEZONE")).GetProperty("TZID")!.RawValue);
        // RFC 4791 section 4.1: calendar object resources MUST NOT specify METHOD.
        Assert.Null(series.GetProperty("METHOD"));

        var lunch = CalendarParser.ParseSingle(objects["ny-1"]);
        Assert.Equal("America/New_York", Assert.Single(lunch.GetComponents("VTIMEZONE")).GetProperty("TZID")!.RawValue);

        var task = CalendarParser.ParseSingle(objects["task@example.com"]);
        Assert.Empty(task.GetComponents("VTIMEZONE"));
        Assert.Equal("VTODO", Assert.Single(task.Components).Name);
    }

    [Fact]
    public async Task Importing_the_same_file_again_updates_the_objects_instead_of_duplicating_them()
    {
        var file = await PrepareAsync(MultiEventFile);
        await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        var again = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Contains("0 created, 3 updated, 1 errors", again.Out);
        Assert.Equal(3, (await StoredAsync("work")).Count);
    }

    [Fact]
    public async Task A_syntax_error_is_reported_with_its_line_and_nothing_is_imported()
    {
        var file = await PrepareAsync("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nthis line has no colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

        var result = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("input.ics:5:", result.Error);
        Assert.Empty(await StoredAsync("work"));
    }

    [Fact]
    public async Task Imported_events_get_occurrence_bounds_so_far_away_time_ranges_skip_them()
    {
        var file = await PrepareAsync(MultiEventFile);
        await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);
        await using var store = await StoreAccess.OpenAsync(_data.Path);
        var calendar = new CollectionRef("alice", "work");

        var in2030 = await store.FindObjectsInRangeAsync(calendar,
            new TimeRangeQuery(NodaTime.Instant.FromUtc(2030, 1, 1, 0, 0), NodaTime.Instant.FromUtc(2030, 2, 1, 0, 0)), PageRequest.First(10));
        var january2025 = await store.FindObjectsInRangeAsync(calendar,
            new TimeRangeQuery(NodaTime.Instant.FromUtc(2025, 1, 10, 0, 0), NodaTime.Instant.FromUtc(2025, 1, 11, 0, 0)), PageRequest.First(10));

        // The task has no dates, so it matches every range (RFC 4791 section 9.9).
        Assert.Equal(["task@example.com"], in2030.Items.Select(o => o.Summary.Uid));
        Assert.Contains("ny-1", january2025.Items.Select(o => o.Summary.Uid));
    }

    // RFC 5545 section 3.2.19: a TZID must name a VTIMEZONE of the object; the import checks like a PUT does.
    [Fact]
    public async Task An_invalid_object_is_reported_with_its_line_and_the_others_are_imported()
    {
        var broken = MultiEventFile.Replace("DTSTART;TZID=America/New_York:", "DTSTART;TZID=Mars/Olympus:", StringComparison.Ordinal);
        Assert.NotEqual(MultiEventFile, broken);
        var file = await PrepareAsync(broken);

        var result = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("2 created, 0 updated, 2 errors", result.Out);
        Assert.Matches(@"input\.ics:\d+: UID ny-1: TZID 'Mars/Olympus'", result.Error);
        Assert.DoesNotContain("ny-1", (await StoredAsync("work")).Select(o => o.Summary.Uid));
    }

    [Fact]
    public async Task Import_into_an_unknown_user_or_from_a_missing_file_fails()
    {
        var file = await PrepareAsync(MultiEventFile);

        Assert.Equal(ExitCodes.Failure, (await CliRunner.RunAsync("import", "nobody", "work", file, "--data", _data.Path)).ExitCode);
        Assert.Equal(ExitCodes.Failure, (await CliRunner.RunAsync("import", "alice", "work", _data.File("missing.ics"), "--data", _data.Path)).ExitCode);
    }

    [Fact]
    public async Task Export_writes_one_VCALENDAR_with_each_timezone_once_and_every_component()
    {
        // Two events in Berlin: each stored object carries its own copy of the VTIMEZONE.
        var file = await PrepareAsync(MultiEventFile.Replace("America/New_York:20250110", "Europe/Berlin:20250110", StringComparison.Ordinal));
        await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);
        Assert.Equal(2, (await StoredAsync("work")).Count(o => Encoding.UTF8.GetString(o.Data.Span).Contains("BEGIN:VTIMEZONE")));

        var result = await CliRunner.RunAsync("export", "alice", "work", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var calendar = CalendarParser.ParseSingle(result.Out, IcalReaderOptions.Strict);
        Assert.Equal("Europe/Berlin", Assert.Single(calendar.GetComponents("VTIMEZONE")).GetProperty("TZID")!.RawValue);
        Assert.Equal(3, calendar.GetComponents("VEVENT").Count());
        Assert.Single(calendar.GetComponents("VTODO"));
        Assert.Equal("work", calendar.GetProperty("X-WR-CALNAME")!.RawValue);
    }

    [Fact]
    public async Task Export_of_a_missing_calendar_fails_with_exit_code_1()
    {
        await PrepareAsync(MultiEventFile);

        var result = await CliRunner.RunAsync("export", "alice", "nope", "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
    }
}
