using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Tests.Scheduling;
using Microsoft.Extensions.Logging;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;

namespace AuroraTime.Reminders.Tests.Email;

/// <summary>
/// One refused recipient among several (RFC 5321 section 3.3: after a refused RCPT the client may go on
/// with the accepted ones): a real aiosmtpd refuses one address with 550; the others still get the
/// message, the refusal is recorded once as the delivery's failure (no retry), and neither the log nor
/// the record spells out the refused address.
/// </summary>
public sealed class RefusedRecipientTests
{
    private const string Refused = "bob@example.org";
    private const string Refusal = "550 5.1.1 <bob@example.org>: Recipient address rejected";

    private static SmtpSink? StartSink() =>
        PythonOracle.Has("aiosmtpd") ? SmtpSink.Start(null, "--refuse", $"{Refused}={Refusal}") : null;

    private static string[] EnvelopeRecipients(string emlPath)
    {
        using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(emlPath, ".json")));
        return envelope.RootElement.GetProperty("to").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Fact]
    public async Task The_accepted_recipients_get_the_message_and_the_refused_one_comes_back_masked_in_the_receipt()
    {
        using var sink = StartSink();
        if (sink is null)
        {
            return;
        }
        var content = Encoding.ASCII.GetBytes("From: a@example.org\r\nTo: undisclosed-recipients:;\r\nSubject: x\r\nMessage-ID: <1@example.org>\r\n\r\nbody\r\n");
        var message = new EmailMessage("a@example.org", ["ann@example.org", Refused, "cy@example.org"], "<1@example.org>", content);

        var receipt = await new SmtpSender(new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.None)).SendAsync(message, CancellationToken.None);

        var refused = Assert.Single(receipt.Refused);
        Assert.Equal((Refused, 550, true), (refused.Address, refused.Code, refused.Permanent));
        Assert.Equal("550 5.1.1 <b…@example.org>: Recipient address rejected", refused.Reply);
        var delivered = Assert.Single(sink.Messages());
        Assert.Equal(["ann@example.org", "cy@example.org"], EnvelopeRecipients(delivered));
    }

    [Fact]
    public async Task A_reminder_with_one_refused_attendee_is_sent_to_the_others_once_and_the_refusal_recorded_without_retries()
    {
        using var sink = StartSink();
        if (sink is null)
        {
            return;
        }
        var logs = new CapturingLogger();
        await using var fixture = new SchedulerFixture(Utc("2026-01-01T00:00:00Z"))
        {
            Transport = new SmtpSender(new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.None)),
            Logger = logs,
        };
        var node = await fixture.SetUpAsync();
        await SchedulerFixture.PutAsync(node, "review.ics", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VEVENT
            UID:review
            DTSTAMP:20260101T000000Z
            DTSTART:20260105T090000Z
            DURATION:PT1H
            SUMMARY:Review
            BEGIN:VALARM
            ACTION:EMAIL
            TRIGGER:-PT30M
            SUMMARY:Soon
            DESCRIPTION:Review soon
            ATTENDEE:mailto:ann@example.org
            ATTENDEE:mailto:bob@example.org
            ATTENDEE:mailto:cy@example.org
            END:VALARM
            END:VEVENT
            END:VCALENDAR
            """);

        while (await fixture.StepAsync(Utc("2026-02-01T00:00:00Z"), node))
        {
        }

        var delivered = Assert.Single(sink.Messages());
        Assert.Equal(["ann@example.org", "cy@example.org"], EnvelopeRecipients(delivered));
        Assert.Null(await node.Store.NextDeliveryAttemptAsync());
        var failed = Assert.Single(await node.Store.ListFailedDeliveriesAsync("alice", 10));
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("attempt 1: sent to 2 of 3 recipients; refused: b…@example.org 550 5.1.1 <b…@example.org>: Recipient address rejected", failed.Error);
        var refusalLog = Assert.Single(logs.Messages, m => m.Contains("refused", StringComparison.Ordinal));
        Assert.Contains("b…@example.org", refusalLog, StringComparison.Ordinal);
        Assert.All(logs.Messages, m => Assert.DoesNotContain(Refused, m, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
