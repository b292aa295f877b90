using System.Net;
using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Reminders.Tests.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>The SES v2 sender against aws-ses-v2-local, driven by the real dispatcher.</summary>
public sealed class SesV2SenderTests
{
    private const string EmailAlarm = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:review
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Berlin:20260501T090000
        DURATION:PT1H
        SUMMARY:Budget review in Zürich
        LOCATION:Room 4
        DESCRIPTION:Bring the Q2 numbers.
        BEGIN:VALARM
        ACTION:EMAIL
        TRIGGER:-PT30M
        SUMMARY:Reminder
        DESCRIPTION:Budget review soon
        ATTENDEE:mailto:ann@example.com
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public async Task A_due_reminder_reaches_the_SES_emulator_with_recipient_subject_and_both_parts()
    {
        if (!NodeTools.Has("aws-ses-v2-local"))
        {
            return;
        }
        await using var ses = await SesEmulator.StartAsync();
        await using var fixture = new SchedulerFixture(Utc("2026-04-01T00:00:00Z"));
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "review.ics", EmailAlarm);
        var options = ReminderOptions.Default with { FromAddress = "reminders@aurora.example" };
        var sender = AwsTestClients.Ses(new HttpClientHandler(), ses.Endpoint, "eu-central-1", new AwsCredentials("AKIDEXAMPLE", "secret"), fixture.Clock);
        var dispatcher = new ReminderDispatcher(node.Store, node.Reconciler, sender, options, fixture.Clock, NullLogger.Instance);
        fixture.Clock.AdvanceTo(Utc("2026-05-01T06:30:00Z").ToDateTimeOffset());
        var due = Assert.Single((await node.Store.ListDueRemindersAsync(Utc("2026-05-01T06:30:00Z"), Storage.Contract.PageRequest.First(10))).Items);

        Assert.Equal(DispatchOutcome.Sent, await dispatcher.DispatchAsync(due, CancellationToken.None));

        var email = Assert.Single((await ses.EmailsAsync()).EnumerateArray());
        Assert.Equal("ann@example.com", Assert.Single(email.GetProperty("destination").GetProperty("to").EnumerateArray()).GetString());
        Assert.Contains("reminders@aurora.example", email.GetProperty("from").GetString(), StringComparison.Ordinal);
        // 09:00 in Berlin; the subject was RFC 2047-encoded (non-ASCII) and decoded by the emulator's parser.
        Assert.Equal("Reminder: Budget review in Zürich - Fri 1 May 2026 09:00 (Europe/Berlin)", email.GetProperty("subject").GetString());
        var body = email.GetProperty("body");
        Assert.Contains("Budget review in Zürich", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Location: Room 4", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(body.GetProperty("html").GetString());
        Assert.Contains("<h1>Budget review in Zürich</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Location: Room 4", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "MessageRejected", true)]
    [InlineData(400, "MailFromDomainNotVerifiedException", true)]
    [InlineData(403, "AccessDeniedException", true)]
    [InlineData(429, "TooManyRequestsException", false)]
    [InlineData(400, "LimitExceededException", false)]
    [InlineData(503, "InternalFailure", false)]
    public async Task An_SES_refusal_is_a_delivery_error_permanent_unless_throttled_or_a_server_error(int status, string type, bool permanent)
    {
        var handler = new CapturingHandler { Respond = _ => ((HttpStatusCode)status, $"{{\"__type\":\"{type}\",\"message\":\"no\"}}") };
        var sender = AwsTestClients.Ses(handler, SesV2Sender.DefaultEndpoint("eu-central-1"), "eu-central-1", new AwsCredentials("AKIDEXAMPLE", "secret"), TimeProvider.System);
        var message = new EmailMessage("a@example.com", ["b@example.com"], "<1@example.com>", "Subject: x\r\n\r\nx\r\n"u8.ToArray());

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(message, CancellationToken.None));

        Assert.Contains($"{status} {type}", error.Message, StringComparison.Ordinal);
        Assert.Equal(permanent, error.Permanent);
    }
}
