using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AuroraTime.Server.Tests.Support;

/// <summary>
/// The composed server (auth + CalDAV over SQLite) on TestServer with accounts alice and bob created
/// through the CLI, and a client signed in as alice with Basic auth.
/// </summary>
public sealed class SignedInServer : IAsyncDisposable
{
    public const string AlicePassword = "alice-password-1";
    public const string BobPassword = "bob-password-1";

    private readonly TempDataFolder _data;

    private SignedInServer(TempDataFolder data, WebApplication app)
    {
        _data = data;
        App = app;
        Client = app.GetTestClient();
        Client.DefaultRequestHeaders.Authorization = Basic("alice", AlicePassword);
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static async Task<SignedInServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = new TempDataFolder();
        Assert.Equal(0, (await CliRunner.RunWithInputAsync(AlicePassword + "\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunWithInputAsync(BobPassword + "\n", "user", "add", "bob", "--password-stdin", "--data", data.Path)).ExitCode);
        return new SignedInServer(data, await TestHost.StartAsync(data.Path, settings));
    }

    public async Task<(int Status, HttpResponseMessage Message, string Body)> SendAsync(
        string method, string target, string? body = null, string contentType = "application/xml; charset=utf-8",
        Action<HttpRequestMessage>? decorate = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        decorate?.Invoke(request);
        var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    public static string Event(string uid, string summary = "Meeting") =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime tests//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z\r\nSUMMARY:{summary}\r\n" +
        "END:VEVENT\r\nEND:VCALENDAR\r\n";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
