using System.Net.Http.Headers;
using System.Text;
using AuroraTime.Server;
using AuroraTime.Server.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Reminders.Tests.Wiring;

/// <summary>
/// The real composition (ServerHost.Build) on the in-memory TestServer over a temp data folder, with
/// the account alice; a test class adds its own settings and services. One per test: the reminder
/// state of one test never reaches another.
/// </summary>
internal sealed class ComposedServer : IAsyncDisposable
{
    private const string AlicePassword = "alice-password-1";

    private ComposedServer(string dataFolder, WebApplication app)
    {
        DataFolder = dataFolder;
        App = app;
    }

    public string DataFolder { get; }

    public WebApplication App { get; }

    /// <param name="settings">Added to Data and fast password hashing (tests sign in on every request).</param>
    /// <param name="services">Replaces composition parts, e.g. an AWS client over a fake handler.</param>
    public static async Task<ComposedServer> StartAsync(
        string folderPrefix, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var data = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var app = ServerHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            var all = new Dictionary<string, string?>(settings)
            {
                ["Data"] = data,
                ["Auth:Pbkdf2Iterations"] = "1000",
            };
            builder.Configuration.AddInMemoryCollection(all);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        await app.Services.GetRequiredService<AccountAdministration>().CreateUserAsync("alice", AlicePassword);
        return new ComposedServer(data, app);
    }

    /// <summary>A client of the TestServer signed in as alice (HTTP Basic); dispose it.</summary>
    public HttpClient AliceClient()
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + AlicePassword)));
        return client;
    }

    /// <summary>An iCalendar object with one event and one DISPLAY alarm ten minutes before its start.</summary>
    public static string EventWithAlarm(string uid, string utcStart) =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n" +
        $"DTSTART:{utcStart}\r\nSUMMARY:Wired\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataFolder, recursive: true);
    }
}
