using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using AuroraTime.Server.Accounts;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Tests.DynamoDb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AuroraTime.Server.Tests.Storage;

/// <summary>The composed server (ServerHost.Build) with Store=dynamodb on DynamoDB Local: CalDAV served from the table.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbServingTests(DynamoDbLocal local, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "alice-password-1";
    private readonly TempDataFolder _data = new();
    private WebApplication? _app;
    private HttpClient? _client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    private async Task<HttpClient> StartAsync()
    {
        _app = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["Store"] = "dynamodb",
            ["DynamoDb:Table"] = "aurora-serving-" + Guid.NewGuid().ToString("N"),
            ["DynamoDb:ServiceUrl"] = local.ServiceUrl!.ToString(),
            ["DynamoDb:CreateTable"] = "true",
            ["Reminders:Enabled"] = "false",
        });
        var created = await _app.Services.GetRequiredService<AccountAdministration>().CreateUserAsync("alice", Password);
        Assert.True(created.Ok, created.Error);
        _client = _app.GetTestClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password)));
        return _client;
    }

    private static string Event(string uid, string summary) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime tests//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z\r\nSUMMARY:{summary}\r\n" +
        "END:VEVENT\r\nEND:VCALENDAR\r\n";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string target, string? body, string contentType, string? depth = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (depth is not null)
        {
            request.Headers.Add("Depth", depth);
        }

        return await client.SendAsync(request);
    }

    // RFC 4791 section 5.3.2 (PUT), RFC 6578 section 3.2 (sync-collection): the same behaviour as on SQLite.
    [DynamoDbLocalFact]
    public async Task Serve_with_Store_dynamodb_stores_a_PUT_returns_it_on_GET_and_reports_it_in_sync_collection()
    {
        var client = await StartAsync();
        var calendar = "/calendars/alice/work/";
        Assert.Equal(201, (int)(await SendAsync(client, "MKCALENDAR", calendar, null, "application/xml")).StatusCode);

        var put = await SendAsync(client, "PUT", calendar + "a.ics", Event("a", "Stored in DynamoDB"), "text/calendar; charset=utf-8");
        var get = await client.GetAsync(calendar + "a.ics");
        var sync = await SendAsync(client, "REPORT", calendar,
            "<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>",
            "application/xml; charset=utf-8");

        Assert.Equal(201, (int)put.StatusCode);
        Assert.Equal(200, (int)get.StatusCode);
        Assert.Contains("SUMMARY:Stored in DynamoDB", await get.Content.ReadAsStringAsync());
        Assert.Equal(put.Headers.ETag?.Tag, get.Headers.ETag?.Tag);
        Assert.Equal(207, (int)sync.StatusCode);
        var report = await sync.Content.ReadAsStringAsync();
        Assert.Contains(calendar + "a.ics", report);
        Assert.Contains(put.Headers.ETag!.Tag, report);
        Assert.Contains("sync-token>", report);

        // Rough latency through the whole host on DynamoDB Local (printed, not asserted: the machine is shared).
        var putTimes = new List<double>();
        var getTimes = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await SendAsync(client, "PUT", calendar + $"m{i}.ics", Event($"m{i}", "timed"), "text/calendar; charset=utf-8");
            putTimes.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(201, (int)response.StatusCode);
            watch.Restart();
            Assert.Equal(200, (int)(await client.GetAsync(calendar + $"m{i}.ics")).StatusCode);
            getTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"DynamoDB Local via TestServer, median of 20: PUT {Median(putTimes):F1} ms, GET {Median(getTimes):F1} ms");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
