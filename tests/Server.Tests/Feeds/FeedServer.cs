using System.Text;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AuroraTime.Server.Tests.Feeds;

/// <summary>
/// The real server (TestServer) over a temp data folder with the user alice, her calendar "work"
/// holding one event, and CLI access to the same folder.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://cal.example.org";

    private readonly TempDataFolder _data;
    private readonly WebApplication _app;

    private FeedServer(TempDataFolder data, WebApplication app)
    {
        _data = data;
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public string DataFolder => _data.Path;

    /// <param name="settings">Extra configuration (e.g. Feeds:Compression) on top of PublicBaseUrl.</param>
    public static async Task<FeedServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = new TempDataFolder();
        Assert.Equal(0, (await CliRunner.RunWithInputAsync("alice-password\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        await using (var store = await StoreAccess.OpenAsync(data.Path))
        {
            var calendar = new CollectionRef("alice", "work");
            await store.CreateCollectionAsync(calendar, CollectionKind.Calendar, new CollectionProperties(DisplayName: "Work"));
            await PutAsync(store, calendar, "soon.ics", "soon@example", "Planning");
        }
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["PublicBaseUrl"] = PublicBaseUrl };
        var app = await TestHost.StartAsync(data.Path, configuration);
        return new FeedServer(data, app);
    }

    public static async Task PutAsync(IStore store, CollectionRef calendar, string href, string uid, string summary)
    {
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(9);
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
            + $"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{start.AddHours(1):yyyyMMdd'T'HHmmss'Z'}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var data = Encoding.UTF8.GetBytes(ics);
        var (first, last) = TimeRangeFilter.OccurrenceBounds(CalendarParser.ParseSingle(data), TimeZoneResolver.Default);
        var result = await store.PutObjectAsync(calendar.Object(href), new ObjectContent(data, "text/calendar", uid, "VEVENT", first, last), WritePrecondition.None);
        Assert.True(result.Outcome.IsSuccess());
    }

    /// <summary>Runs <c>aurora feed ...</c> on the server's data folder with the server's PublicBaseUrl.</summary>
    public async Task<CliResult> FeedCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new Dictionary<string, string?>(CliRunner.FastHashing) { ["PublicBaseUrl"] = PublicBaseUrl };
        var context = new AuroraTime.Server.Cli.CliContext(new StringReader(string.Empty), output, error, settings);
        var exitCode = await AuroraTime.Server.Cli.AuroraCli.RunAsync(["feed", .. args, "--data", DataFolder], context);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Creates a feed link and returns its https URL's path and query-free form.</summary>
    public async Task<string> CreateFeedPathAsync(params string[] options)
    {
        var created = await FeedCliAsync(["create", "alice", .. options]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var https = created.Out.Split('\n').Single(l => l.StartsWith("https:", StringComparison.Ordinal))["https:".Length..].Trim();
        return new Uri(https).AbsolutePath;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
