using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// The composed server (TestServer, SQLite in a temp folder) with alice and bob, the reminder scheduler
/// off, and helpers to call the API and CalDAV as alice (or anyone else).
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public const string AlicePassword = "alice-password-1";
    public const string BobPassword = "bob-password-1";

    private static int _usersAdded;
    private readonly TempDataFolder _data;

    /// <summary>False for a view made by <see cref="ForNewUserAsync"/>: the host belongs to the fixture.</summary>
    private readonly bool _ownsHost;

    private ApiServer(TempDataFolder data, WebApplication app, LogCapture logs, string userName, string password, bool ownsHost)
    {
        _data = data;
        _ownsHost = ownsHost;
        Logs = logs;
        App = app;
        UserName = userName;
        Password = password;
        Client = app.GetTestClient();
        Client.DefaultRequestHeaders.Authorization = Basic(userName, password);
    }

    /// <summary>Whom <see cref="Client"/> signs in as: alice, or the user <see cref="ForNewUserAsync"/> added.</summary>
    public string UserName { get; }

    public string Password { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static async Task<ApiServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = new TempDataFolder();
        Assert.Equal(0, (await CliRunner.RunWithInputAsync(AlicePassword + "\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunWithInputAsync(BobPassword + "\n", "user", "add", "bob", "--password-stdin", "--data", data.Path)).ExitCode);
        var all = new Dictionary<string, string?> { ["Reminders:Enabled"] = "false" };
        foreach (var pair in settings ?? new Dictionary<string, string?>())
        {
            all[pair.Key] = pair.Value;
        }
        var logs = new LogCapture();
        var app = await TestHost.StartAsync(data.Path, all, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        });
        return new ApiServer(data, app, logs, "alice", AlicePassword, ownsHost: true);
    }

    /// <summary>
    /// The same running host, signed in as a user added just now: tests sharing one host (a class
    /// fixture) each get their own account, so calendars, app passwords and feed links never mix.
    /// </summary>
    public async Task<ApiServer> ForNewUserAsync()
    {
        var name = "user" + Interlocked.Increment(ref _usersAdded).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var password = name + "-password-1";
        var added = await CliRunner.RunWithInputAsync(password + "\n", "user", "add", name, "--password-stdin", "--data", _data.Path);
        Assert.True(added.ExitCode == 0, added.ToString());
        return new ApiServer(_data, App, Logs, name, password, ownsHost: false);
    }

    /// <summary>Sends a request; a string body is sent as-is with <paramref name="contentType"/>.</summary>
    public async Task<ApiResponse> SendAsync(
        HttpMethod method, string path, string? body = null, string contentType = "application/json",
        Action<HttpRequestMessage>? decorate = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        decorate?.Invoke(request);
        using var response = await (client ?? Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var json = mediaType is "application/json" or "application/problem+json" && text.Length > 0 ? JsonNode.Parse(text) : null;
        return new ApiResponse((int)response.StatusCode, json, text, mediaType, response.Headers.ETag?.ToString(), response.Headers.Location?.ToString(), response.Headers,
            [.. response.Content.Headers.Allow]);
    }

    public Task<ApiResponse> GetAsync(string path, HttpClient? client = null) => SendAsync(HttpMethod.Get, path, client: client);

    public Task<ApiResponse> PostAsync(string path, string json, HttpClient? client = null) => SendAsync(HttpMethod.Post, path, json, client: client);

    /// <summary>Another client signed in with other credentials (or none).</summary>
    public HttpClient ClientAs(AuthenticationHeaderValue? authorization)
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>Creates the user's calendar through the API and returns its id.</summary>
    public async Task<string> CreateCalendarAsync(string id = "work")
    {
        var created = await PostAsync("/api/calendars", $$"""{"id":"{{id}}","displayName":"Work"}""");
        Assert.True(created.Status == 201, created.ToString());
        return id;
    }

    /// <summary>Creates an event through the API and returns the response.</summary>
    public async Task<ApiResponse> CreateEventAsync(string calendar, string eventJson)
    {
        var created = await PostAsync($"/api/calendars/{calendar}/events", eventJson);
        Assert.True(created.Status == 201, created.ToString());
        return created;
    }

    /// <summary>A CalDAV request (PUT, REPORT, GET...) as <see cref="UserName"/>.</summary>
    public Task<ApiResponse> DavAsync(string method, string path, string? body = null, string contentType = "application/xml; charset=utf-8", Action<HttpRequestMessage>? decorate = null) =>
        SendAsync(new HttpMethod(method), path, body, contentType, decorate);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_ownsHost)
        {
            await App.DisposeAsync();
            _data.Dispose();
        }
    }
}

/// <summary>What a test looks at in an answer.</summary>
internal sealed record ApiResponse(
    int Status, JsonNode? Json, string Text, string? MediaType, string? ETag, string? Location, HttpResponseHeaders Headers, IReadOnlyList<string> Allow)
{
    public override string ToString() => $"{Status} {MediaType} ETag={ETag} Location={Location}\n{Text}";

    /// <summary>The messages of a field in a validation problem, joined.</summary>
    public string FieldErrors(string field) =>
        Json?["errors"]?[field] is JsonArray messages ? string.Join(" | ", messages.Select(m => m!.GetValue<string>())) : "";
}
