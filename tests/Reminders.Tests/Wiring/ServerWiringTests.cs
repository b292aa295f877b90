using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuroraTime.Server;
using AuroraTime.Server.Accounts;
using AuroraTime.Server.Reminders;
using AuroraTime.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Reminders.Tests.Wiring;

/// <summary>The real composition (ServerHost.Build) on the in-memory TestServer: a CalDAV PUT plans reminders.</summary>
public sealed class ServerWiringTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("aurora-wiring-").FullName;
    private WebApplication? app;

    public async Task InitializeAsync()
    {
        app = ServerHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Data"] = data,
                ["Auth:Pbkdf2Iterations"] = "1000",
                ["Reminders:Enabled"] = "false",
            });
        });
        await app.StartAsync();
        var admin = app.Services.GetRequiredService<AccountAdministration>();
        await admin.CreateUserAsync("alice", "alice-password-1");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_CalDAV_PUT_plans_the_objects_reminders_and_a_DELETE_clears_them()
    {
        using var client = app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice-password-1")));
        using var mk = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), "/calendars/alice/work/");
        var created = await client.SendAsync(mk);
        var start = DateTime.UtcNow.AddDays(3).ToString("yyyyMMdd'T'HH0000'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:wired\r\nDTSTAMP:20260101T000000Z\r\n" +
            $"DTSTART:{start}\r\nSUMMARY:Wired\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var target = created.IsSuccessStatusCode ? "/calendars/alice/work/wired.ics" : null;
        Assert.True(target is not null, $"MKCALENDAR answered {(int)created.StatusCode}");
        using var put = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StringContent(body, Encoding.UTF8, "text/calendar") };
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(put)).StatusCode);

        var store = app!.Services.GetRequiredService<IStore>();
        var resource = new ObjectRef(new CollectionRef("alice", "work"), "wired.ics");
        var pending = Assert.Single(await store.GetPendingRemindersAsync(resource));
        Assert.StartsWith("wired|", pending.AlarmKey, StringComparison.Ordinal);

        Assert.True((await client.DeleteAsync(target)).IsSuccessStatusCode);
        Assert.Empty((await store.ListDueRemindersAsync(NodaTime.Instant.MaxValue, PageRequest.First(10))).Items);
    }

    [Fact]
    public void Settings_default_to_the_pickup_folder_in_the_data_folder_and_never_print_the_password()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reminders:Sender"] = "smtp",
            ["Reminders:GracePeriod"] = "00:30:00",
            ["Smtp:Host"] = "mail.example.com",
            ["Smtp:Security"] = "tls",
            ["Smtp:User"] = "u",
            ["Smtp:Password"] = "hunter2-secret",
        }).Build();
        var settings = ReminderSettings.From(configuration, data);
        Assert.Equal(ReminderSenderKind.Smtp, settings.Sender);
        Assert.Equal(465, settings.Smtp!.Port);
        Assert.Equal(NodaTime.Duration.FromMinutes(30), settings.Options.GracePeriod);
        Assert.Equal(Path.Combine(data, "outbox"), settings.PickupFolder);
        Assert.DoesNotContain("hunter2-secret", settings.ToString(), StringComparison.Ordinal);
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reminders:Sender"] = "pigeon" }).Build();
        Assert.Throws<InvalidOperationException>(() => ReminderSettings.From(bad, data));
    }
}
