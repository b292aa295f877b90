using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuroraTime.CalDav.Tests.CalDav;

/// <summary>A response with its body read, and parsed as XML when it is XML.</summary>
internal sealed record CalDavResponse(int Status, HttpResponseMessage Message, string Body)
{
    public XDocument Xml => XDocument.Parse(Body);

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) || Message.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

/// <summary>
/// The CalDAV service in-process (TestServer) over a real SQLite file in a temp folder, with the
/// accounts alice and bob. A tiny test middleware signs the request in as the user named by the
/// X-Test-User header, standing in for the server's Basic auth.
/// </summary>
internal sealed class CalDavTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private CalDavTestHost(WebApplication app, HttpClient client, SqliteStore store, string folder)
    {
        _app = app;
        Client = client;
        Store = store;
        _folder = folder;
    }

    public HttpClient Client { get; }

    public SqliteStore Store { get; }

    public static async Task<CalDavTestHost> StartAsync(Action<CalDavOptions>? configure = null, StoreLimits? limits = null, Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "aurora-caldav-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "aurora.db"), Limits: limits));
        foreach (var user in new[] { "alice", "bob" })
        {
            await store.CreateAccountAsync(user, "not-a-real-hash", AccountSettings.Default);
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IStore>(store);
        services?.Invoke(builder.Services);
        builder.Services.AddCalDav(configure);
        var app = builder.Build();
        app.Use(SignInFromTestHeader);
        app.UseCalDav();
        await app.StartAsync();
        return new CalDavTestHost(app, app.GetTestClient(), store, folder);
    }

    private static Task SignInFromTestHeader(HttpContext http, Func<Task> next)
    {
        if (http.Request.Headers["X-Test-User"].ToString() is { Length: > 0 } user)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Test"));
        }
        return next();
    }

    public async Task<CalDavResponse> SendAsync(
        string method, string path, string? body = null, IDictionary<string, string>? headers = null,
        string user = "alice", string contentType = "application/xml; charset=utf-8")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (user.Length > 0)
        {
            request.Headers.Add("X-Test-User", user);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new CalDavResponse((int)response.StatusCode, response, text);
    }

    public Task<CalDavResponse> PropfindAsync(string path, string props, string depth = "0", string user = "alice") =>
        SendAsync("PROPFIND", path, $"""<?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" xmlns:ICAL="http://apple.com/ns/ical/"><D:prop>{props}</D:prop></D:propfind>""",
            new Dictionary<string, string> { ["Depth"] = depth }, user);

    public Task<CalDavResponse> ReportAsync(string path, string body, string? depth = "1", string user = "alice") =>
        SendAsync("REPORT", path, body, depth is null ? null : new Dictionary<string, string> { ["Depth"] = depth }, user);

    public Task<CalDavResponse> PutAsync(string path, string ics, IDictionary<string, string>? headers = null, string user = "alice") =>
        SendAsync("PUT", path, ics, headers, user, "text/calendar; charset=utf-8");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner; the test result does not depend on it.
        }
    }
}

/// <summary>Multistatus reading helpers.</summary>
internal static class Multistatus
{
    public static readonly XNamespace D = "DAV:";
    public static readonly XNamespace C = "urn:ietf:params:xml:ns:caldav";
    public static readonly XNamespace CS = "http://calendarserver.org/ns/";
    public static readonly XNamespace ICAL = "http://apple.com/ns/ical/";

    public static IEnumerable<XElement> Responses(this CalDavResponse response) => response.Xml.Root!.Elements(D + "response");

    public static IReadOnlyList<string> Hrefs(this CalDavResponse response) => [.. response.Responses().Select(r => r.Element(D + "href")!.Value)];

    public static XElement Response(this CalDavResponse response, string href) =>
        response.Responses().Single(r => r.Element(D + "href")!.Value == href);

    /// <summary>The property element in a 200 propstat, or null.</summary>
    public static XElement? Found(this XElement response, XName property) =>
        response.Elements(D + "propstat")
            .Where(p => p.Element(D + "status")!.Value.Contains(" 200 "))
            .Select(p => p.Element(D + "prop")!.Element(property))
            .FirstOrDefault(e => e is not null);

    public static string Status(this XElement response) => response.Element(D + "status")?.Value ?? "";
}

/// <summary>iCalendar bodies used across the tests.</summary>
internal static class Ics
{
    public static string Event(string uid, string start = "20260105T100000Z", string end = "20260105T110000Z", string summary = "Meeting", string extra = "") => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//AuroraTime tests//EN
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:20260101T000000Z
        DTSTART:{start}
        DTEND:{end}
        SUMMARY:{summary}
        {extra}END:VEVENT
        END:VCALENDAR

        """.Replace("\n", "\r\n").Replace("\r\r\n", "\r\n").Replace("\r\n\r\nEND:VEVENT", "\r\nEND:VEVENT");

    public static string Todo(string uid, string due = "20260110T120000Z", string summary = "Task") => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//AuroraTime tests//EN
        BEGIN:VTODO
        UID:{uid}
        DTSTAMP:20260101T000000Z
        DUE:{due}
        SUMMARY:{summary}
        END:VTODO
        END:VCALENDAR

        """.Replace("\n", "\r\n");
}
