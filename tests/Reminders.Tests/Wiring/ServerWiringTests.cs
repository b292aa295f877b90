using System.Net;
using System.Text;
using AuroraTime.Server.Reminders;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Reminders.Tests.Wiring;

/// <summary>The real composition (ServerHost.Build) on the in-memory TestServer: a CalDAV PUT plans reminders.</summary>
public sealed class ServerWiringTests : IAsyncLifetime
{
    private ComposedServer server = null!;

    public async Task InitializeAsync() =>
        server = await ComposedServer.StartAsync("aurora-wiring-", new Dictionary<string, string?> { ["Reminders:Enabled"] = "false" });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_CalDAV_PUT_plans_the_objects_reminders_and_a_DELETE_clears_them()
    {
        using var client = server.AliceClient();
        using var mk = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), "/calendars/alice/work/");
        var created = await client.SendAsync(mk);
        var start = DateTime.UtcNow.AddDays(3).ToString("yyyyMMdd'T'HH0000'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = ComposedServer.EventWithAlarm("wired", start);
        var target = created.IsSuccessStatusCode ? "/calendars/alice/work/wired.ics" : null;
        Assert.True(target is not null, $"MKCALENDAR answered {(int)created.StatusCode}");
        using var put = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StringContent(body, Encoding.UTF8, "text/calendar") };
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(put)).StatusCode);

        var store = server.App.Services.GetRequiredService<IStore>();
        var resource = new ObjectRef(new CollectionRef("alice", "work"), "wired.ics");
        var pending = Assert.Single(await store.GetPendingRemindersAsync(resource));
        Assert.StartsWith("wired|", pending.AlarmKey, StringComparison.Ordinal);

        Assert.True((await client.DeleteAsync(target)).IsSuccessStatusCode);
        Assert.Empty((await store.ListDueRemindersAsync(NodaTime.Instant.MaxValue, PageRequest.First(10))).Items);
    }

    [Fact]
    public void Settings_default_to_the_pickup_folder_in_the_data_folder_and_never_print_the_password()
    {
        var data = server.DataFolder;
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
