using System.Text;
using AuroraTime.Server.Calendars;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Tests.Cli;

/// <summary>
/// `aurora import` on SQLite writes objects in transactions of <see cref="BatchedImport.BatchSize"/>,
/// each all or nothing, with a report that names what was refused and what went back with it.
/// </summary>
public sealed class BatchedImportTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static string Calendar(IEnumerable<string> uids) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Batch//EN\r\n" +
        string.Concat(uids.Select((uid, i) =>
            $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:2025{1 + i % 12:00}{1 + i % 28:00}T090000Z\r\nSUMMARY:Event {i}\r\nEND:VEVENT\r\n")) +
        "END:VCALENDAR\r\n";

    private async Task<string> PrepareAsync(string content)
    {
        Assert.Equal(0, (await CliRunner.RunWithInputAsync("account-password\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path)).ExitCode);
        var file = _data.File("input.ics");
        await File.WriteAllTextAsync(file, content);
        return file;
    }

    private async Task<List<string>> StoredUidsAsync()
    {
        await using var store = await StoreAccess.OpenAsync(_data.Path);
        var uids = new List<string>();
        var page = PageRequest.First(PageRequest.MaxLimit);
        while (true)
        {
            var found = await store.ListObjectsAsync(new CollectionRef("alice", "work"), page);
            uids.AddRange(found.Items.Select(o => o.Uid!));
            if (found.NextRequest(PageRequest.MaxLimit) is not { } next)
            {
                return uids;
            }
            page = next;
        }
    }

    [Fact]
    public async Task More_objects_than_one_batch_are_all_imported_and_a_second_import_updates_them()
    {
        var uids = Enumerable.Range(0, BatchedImport.BatchSize * 2 + 3).Select(i => $"bulk-{i}").ToList();
        var file = await PrepareAsync(Calendar(uids));

        var first = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);
        var second = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Contains($"{uids.Count} created, 0 updated, 0 errors (calendar created)", first.Out);
        Assert.Contains($"0 created, {uids.Count} updated, 0 errors", second.Out);
        Assert.Equal(uids.Order(StringComparer.Ordinal), (await StoredUidsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_object_the_store_refuses_takes_its_whole_batch_back_and_the_report_says_which_and_why()
    {
        var file = await PrepareAsync(Calendar(["first", "clash", "last"]));
        await using (var store = await StoreAccess.OpenAsync(_data.Path))
        {
            // A collection named like the object "clash" would take: the store refuses to put an object over it.
            Assert.Equal(StoreOutcome.Created, await store.CreateCollectionAsync(new CollectionRef("alice", "work"), CollectionKind.Calendar, CollectionProperties.Empty));
            Assert.Equal(StoreOutcome.Created, await store.CreateCollectionAsync(new CollectionRef("alice", "work/clash.ics"), CollectionKind.Plain, CollectionProperties.Empty));
        }

        var result = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("0 created, 0 updated, 2 errors", result.Out);
        Assert.Matches(@"input\.ics:\d+: UID clash: not stored \(AlreadyExists\)", result.Error);
        Assert.Contains("2 other objects of the same batch (lines 4 to 16) were not stored either", result.Error);
        Assert.Empty(await StoredUidsAsync());
    }

    [Fact]
    public async Task A_readable_name_held_by_another_UID_falls_back_to_the_UID_digest_inside_a_batch()
    {
        var file = await PrepareAsync(Calendar(["taken", "free"]));
        await using (var store = await StoreAccess.OpenAsync(_data.Path))
        {
            await store.CreateCollectionAsync(new CollectionRef("alice", "work"), CollectionKind.Calendar, CollectionProperties.Empty);
            var other = new ObjectContent(Encoding.UTF8.GetBytes(Calendar(["someone-else"])), CalendarImporter.CalendarContentType, "someone-else", "VEVENT");
            Assert.True((await store.PutObjectAsync(new CollectionRef("alice", "work").Object("taken.ics"), other, WritePrecondition.None)).IsSuccess);
        }

        var result = await CliRunner.RunAsync("import", "alice", "work", file, "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2 created, 0 updated, 0 errors", result.Out);
        Assert.Equal(["free", "someone-else", "taken"], (await StoredUidsAsync()).Order(StringComparer.Ordinal));
    }
}
