using System.Text.Json;
using AuroraTime.Reminders.Email;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// Sends reminder emails through SES v2 SendEmail (POST /v2/email/outbound-emails, signing name "ses").
/// Uses Content.Raw with the MIME our composer makes rather than Content.Simple: the same bytes as the
/// SMTP and pickup senders (encoded headers, Message-ID derived from the idempotency key,
/// Auto-Submitted, List-Unsubscribe, both parts), and one composer to test instead of two.
/// </summary>
public sealed class SesV2Sender(AwsJsonClient client, string? configurationSetName = null) : IReminderSender
{
    public const string SigningName = "ses";

    /// <summary>SES v2 refuses raw messages above 10 MB (base64 adds a third).</summary>
    private const int MaxRawBytes = 10 * 1024 * 1024 * 3 / 4;

    public static Uri DefaultEndpoint(string region) => new($"https://email.{region}.amazonaws.com/");

    /// <summary>SendEmail with the raw message: SES accepts or refuses it as a whole.</summary>
    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Content.Length > MaxRawBytes)
        {
            throw new EmailDeliveryException($"message of {message.Content.Length} bytes is larger than SES accepts");
        }
        AwsResponse response;
        try
        {
            response = await client.SendAsync(HttpMethod.Post, "/v2/email/outbound-emails", RequestBody(message, configurationSetName), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new EmailDeliveryException($"SES could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException("SES did not answer in time", e);
        }
        catch (Amazon.Runtime.AmazonClientException e)
        {
            throw new EmailDeliveryException($"no AWS credentials: {e.Message}", e, permanent: true);
        }
        if (!response.IsSuccess)
        {
            throw new EmailDeliveryException(
                $"SES refused the message: {(int)response.Status} {response.ErrorType}", response.ToException(), IsPermanent(response));
        }
        return SendReceipt.AllAccepted;
    }

    /// <summary>
    /// Throttling (429 TooManyRequests, LimitExceeded) and server errors (5xx) are worth retrying; any
    /// other refusal (MessageRejected, MailFromDomainNotVerified, AccountSuspended, SendingPaused,
    /// BadRequest, 403 signature or permission errors) will not change by itself.
    /// </summary>
    public static bool IsPermanent(AwsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.Status;
        return status is not (429 or >= 500) && response.ErrorType is not ("TooManyRequestsException" or "LimitExceededException" or "ThrottlingException");
    }

    /// <summary>The SendEmail body: the raw MIME in base64, envelope sender, recipients (in the AWS JS SDK's member order).</summary>
    public static byte[] RequestBody(EmailMessage message, string? configurationSetName)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonBodies.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("Content");
            json.WriteStartObject("Raw");
            json.WriteBase64String("Data", message.Content.Span);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("FromEmailAddress", message.EnvelopeFrom);
            json.WriteStartObject("Destination");
            json.WriteStartArray("ToAddresses");
            foreach (var recipient in message.Recipients)
            {
                json.WriteStringValue(recipient);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (configurationSetName is not null)
            {
                json.WriteString("ConfigurationSetName", configurationSetName);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
