using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AuroraTime.Reminders.Planning;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Reminders.Email;

/// <summary>
/// Builds the reminder email: RFC 5322 headers, a multipart/alternative body (RFC 2046 section
/// 5.1.4) with a text and an HTML part, both UTF-8 in base64, CRLF line ends throughout.
/// </summary>
public static class ReminderEmailComposer
{
    private static readonly LocalDateTimePattern WhenPattern =
        LocalDateTimePattern.Create("ddd d MMM uuuu HH:mm", CultureInfo.InvariantCulture);

    private static readonly LocalDatePattern DayPattern =
        LocalDatePattern.Create("ddd d MMM uuuu", CultureInfo.InvariantCulture);

    /// <param name="idempotencyKey">Makes the Message-ID stable, so a retried send is recognisable.</param>
    /// <param name="recipientZone">Zone the times are shown in (the owner's).</param>
    /// <param name="eventLink">An absolute http(s) URL of the event, shown in both parts; null: none.</param>
    public static EmailMessage Compose(
        PlannedReminder reminder, string ownerAddress, DateTimeZone recipientZone, ReminderOptions options, Instant now, string idempotencyKey,
        string? eventLink = null)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentNullException.ThrowIfNull(options);
        var recipients = reminder.ToOwner ? [ownerAddress] : reminder.Recipients;
        var title = string.IsNullOrWhiteSpace(reminder.Summary) ? "(untitled)" : reminder.Summary.Trim();
        var when = When(reminder, recipientZone);
        var subject = $"Reminder: {title} - {when}";
        var domain = options.FromAddress.Contains('@', StringComparison.Ordinal) ? options.FromAddress[(options.FromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..] : "localhost";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 12));
        var messageId = $"<{hash}.reminder@{domain}>";
        var boundary = "=_aurora_" + hash;
        var description = Shorten(reminder.Description, 500);
        var link = eventLink is not null && Uri.TryCreate(eventLink, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri.AbsoluteUri
            : null;

        var headers = new StringBuilder();
        void Header(string name, string value) => headers.Append(name).Append(": ").Append(value).Append("\r\n");
        Header("From", MimeEncoding.Mailbox("AuroraTime", options.FromAddress));
        Header("To", string.Join(", ", recipients.Select(r => "<" + r + ">")));
        Header("Subject", MimeEncoding.EncodeHeaderText(subject));
        // RFC 5322 section 3.3 date-time.
        Header("Date", now.ToDateTimeOffset().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header("Message-ID", messageId);
        Header("MIME-Version", "1.0");
        Header("Auto-Submitted", "auto-generated"); // RFC 3834 section 5
        if (reminder.ToOwner)
        {
            // RFC 2369 section 3.2; RFC 8058 one-click needs the URL form.
            var unsubscribe = "<mailto:" + options.FromAddress + "?subject=unsubscribe>";
            if (options.UnsubscribeUrl is { } url)
            {
                Header("List-Unsubscribe", "<" + url + ">,\r\n " + unsubscribe);
                Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            else
            {
                Header("List-Unsubscribe", unsubscribe);
            }
        }
        Header("Content-Type", $"multipart/alternative;\r\n boundary=\"{boundary}\"");

        var text = new StringBuilder();
        text.Append(title).Append("\r\n").Append(when).Append("\r\n");
        if (!string.IsNullOrWhiteSpace(reminder.Location))
        {
            text.Append("Location: ").Append(reminder.Location.Trim()).Append("\r\n");
        }
        if (description is not null)
        {
            text.Append("\r\n").Append(description.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)).Append("\r\n");
        }
        if (link is not null)
        {
            text.Append("\r\nOpen the event: ").Append(link).Append("\r\n");
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><p>")
            .Append(WebUtility.HtmlEncode(when)).Append("</p>");
        if (!string.IsNullOrWhiteSpace(reminder.Location))
        {
            html.Append("<p>Location: ").Append(WebUtility.HtmlEncode(reminder.Location.Trim())).Append("</p>");
        }
        if (description is not null)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(description).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }
        if (link is not null)
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">Open the event</a></p>");
        }
        html.Append("</body></html>");

        var body = new StringBuilder();
        body.Append("This is a MIME message.\r\n");
        foreach (var (type, content) in new[] { ("text/plain", text.ToString()), ("text/html", html.ToString()) })
        {
            body.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Type: ").Append(type).Append("; charset=utf-8\r\n")
                .Append("Content-Transfer-Encoding: base64\r\n\r\n")
                .Append(MimeEncoding.Base64Lines(content));
        }
        body.Append("--").Append(boundary).Append("--\r\n");

        var bytes = Encoding.UTF8.GetBytes(headers.Append("\r\n").Append(body).ToString());
        return new EmailMessage(options.FromAddress, recipients, messageId, bytes);
    }

    /// <summary>The instance's start in the recipient's zone, e.g. "Tue 10 Mar 2026 10:00 (Europe/Berlin)".</summary>
    public static string When(PlannedReminder reminder, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var local = reminder.InstanceStart.InZone(zone).LocalDateTime;
        return reminder.IsAllDay
            ? DayPattern.Format(local.Date) + " (all day)"
            : WhenPattern.Format(local) + " (" + zone.Id + ")";
    }

    private static string? Shorten(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        return text.Length <= max ? text : text[..max].TrimEnd() + "...";
    }
}
