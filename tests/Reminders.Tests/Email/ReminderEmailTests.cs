using System.Text;
using System.Text.Json;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Planning;
using NodaTime;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Email;

public class ReminderEmailTests
{
    private static readonly ReminderOptions Options = ReminderOptions.Default with { FromAddress = "reminders@aurora.test", UnsubscribeUrl = "https://aurora.test/settings/reminders" };

    internal static PlannedReminder Reminder(bool toOwner = true, string summary = "Café meeting – Zürich 会议") => new(
        "uid|20260310T100000|#0", Utc("2026-03-10T08:45:00Z"), toOwner ? AlarmAction.Display : AlarmAction.Email,
        toOwner ? [] : ["bob@example.com", "carol@example.com"], toOwner,
        Utc("2026-03-10T09:00:00Z"), Utc("2026-03-10T10:00:00Z"), false,
        summary, "Room <1> & 2", "Line one\nLine two with ümlaut", null);

    internal static EmailMessage Compose(PlannedReminder reminder) =>
        ReminderEmailComposer.Compose(reminder, "alice@aurora.test", Berlin, Options, Utc("2026-03-10T08:45:00Z"), "key-1");

    [Fact]
    public void The_message_uses_CRLF_only_and_encodes_non_ASCII_headers()
    {
        var text = Encoding.UTF8.GetString(Compose(Reminder()).Content.Span);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.All(text, c => Assert.True(c < 128, "the message is 7-bit: headers RFC 2047, bodies base64"));
        Assert.Contains("Subject: =?UTF-8?B?", text, StringComparison.Ordinal);
        Assert.Contains("Message-ID: <", text, StringComparison.Ordinal);
        Assert.Contains("Date: Tue, 10 Mar 2026 08:45:00 +0000", text, StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 78, line));
    }

    // RFC 2046 5.1.4 multipart/alternative, RFC 2047 encoded words, RFC 2369 List-Unsubscribe,
    // checked by Python's email package (an independent MIME implementation).
    [Fact]
    public void Python_reads_the_subject_parts_and_local_time()
    {
        if (!PythonOracle.Has("email"))
        {
            return;
        }
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Compose(Reminder()).Content.ToArray());
            var parsed = PythonOracle.ParseMime(path);
            Assert.Equal("Reminder: Café meeting – Zürich 会议 - Tue 10 Mar 2026 10:00 (Europe/Berlin)", parsed.GetProperty("subject").GetString());
            Assert.Equal("multipart/alternative", parsed.GetProperty("type").GetString());
            Assert.Equal(0, parsed.GetProperty("defects").GetInt32());
            Assert.False(parsed.GetProperty("bare_lf").GetBoolean());
            Assert.Equal("alice@aurora.test", parsed.GetProperty("to").GetString());
            Assert.Contains("https://aurora.test/settings/reminders", parsed.GetProperty("unsubscribe").GetString(), StringComparison.Ordinal);
            var parts = parsed.GetProperty("parts").EnumerateArray().ToList();
            Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.GetProperty("type").GetString()));
            var plain = parts[0].GetProperty("text").GetString()!;
            Assert.Contains("Location: Room <1> & 2", plain, StringComparison.Ordinal);
            Assert.Contains("Line two with ümlaut", plain, StringComparison.Ordinal);
            var html = parts[1].GetProperty("text").GetString()!;
            Assert.Contains("Room &lt;1&gt; &amp; 2", html, StringComparison.Ordinal);
            Assert.Contains("Line one<br>Line two", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Attendee_reminders_go_to_the_attendees_without_List_Unsubscribe()
    {
        var message = Compose(Reminder(toOwner: false, summary: "Plain"));
        Assert.Equal(["bob@example.com", "carol@example.com"], message.Recipients);
        var text = Encoding.UTF8.GetString(message.Content.Span);
        Assert.DoesNotContain("List-Unsubscribe", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Reminder: Plain - Tue 10 Mar 2026 10:00 (Europe/Berlin)\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_all_day_reminder_shows_the_day()
    {
        var reminder = Reminder() with { IsAllDay = true, InstanceStart = Utc("2026-03-09T23:00:00Z") };
        Assert.Equal("Tue 10 Mar 2026 (all day)", ReminderEmailComposer.When(reminder, Berlin));
    }

    // RFC 5321 4.5.2 transparency.
    [Theory]
    [InlineData("a\r\n.b\r\n", "a\r\n..b\r\n.\r\n")]
    [InlineData(".\r\n", "..\r\n.\r\n")]
    [InlineData("no final newline", "no final newline\r\n.\r\n")]
    public void Dot_stuffing_doubles_leading_periods(string content, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(SmtpSender.DotStuff(Encoding.ASCII.GetBytes(content))));
    }

    [Fact]
    public async Task A_real_SMTP_server_receives_the_message_intact()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = SmtpSink.Start();
        var sender = new SmtpSender(new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.None));
        var composed = Compose(Reminder(toOwner: false));
        await sender.SendAsync(composed, CancellationToken.None);
        var dotted = new EmailMessage("a@aurora.test", ["z@example.com"], "<x@y>", Encoding.ASCII.GetBytes("Subject: dots\r\n\r\n.leading\r\n.\r\nend\r\n"));
        await sender.SendAsync(dotted, CancellationToken.None);

        var files = sink.Messages();
        Assert.Equal(2, files.Length);
        var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(files[0], ".json"))).RootElement;
        Assert.Equal("reminders@aurora.test", envelope.GetProperty("from").GetString());
        Assert.Equal(["bob@example.com", "carol@example.com"], envelope.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(composed.Content.ToArray(), File.ReadAllBytes(files[0]));
        var parsed = PythonOracle.ParseMime(files[0]);
        Assert.StartsWith("Reminder: Café meeting", parsed.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal("Subject: dots\r\n\r\n.leading\r\n.\r\nend\r\n", Encoding.ASCII.GetString(File.ReadAllBytes(files[1])));
    }

    // RFC 4954 AUTH with RFC 4616 PLAIN (the server requires it before MAIL).
    [Fact]
    public async Task AUTH_PLAIN_signs_in_to_a_server_that_requires_it()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = SmtpSink.Start("mailer:s3cret-pass");
        var settings = new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.None, "mailer", "s3cret-pass") { AllowPlaintextAuthentication = true };
        await new SmtpSender(settings).SendAsync(Compose(Reminder()), CancellationToken.None);
        Assert.Single(sink.Messages());
        Assert.Equal("PLAIN", File.ReadAllText(Path.Combine(sink.Folder, "auth.txt")).Trim());
    }

    [Fact]
    public async Task STARTTLS_is_required_when_configured_and_not_offered()
    {
        if (!PythonOracle.Has("aiosmtpd"))
        {
            return;
        }
        using var sink = SmtpSink.Start();
        var sender = new SmtpSender(new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.StartTls));
        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Compose(Reminder()), CancellationToken.None));
        Assert.Contains("STARTTLS", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages());
    }

    [Fact]
    public async Task An_unreachable_server_is_a_delivery_error()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var free = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var sender = new SmtpSender(new SmtpSettings("127.0.0.1", free, SmtpSecurity.Tls, "u", "secret-password") { Timeout = TimeSpan.FromSeconds(5) });
        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Compose(Reminder()), CancellationToken.None));
        Assert.False(error.Permanent, "a refused connection is worth retrying");
        Assert.DoesNotContain("secret-password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", new SmtpSettings("h", 1, SmtpSecurity.None, "u", "secret-password").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pickup_folder_gets_one_eml_file_per_message()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aurora-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var message = Compose(Reminder());
            await new PickupFolderSender(folder).SendAsync(message, CancellationToken.None);
            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.EndsWith(".eml", file, StringComparison.Ordinal);
            Assert.Equal(message.Content.ToArray(), File.ReadAllBytes(file));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
