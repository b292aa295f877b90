using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AuroraTime.Reminders.Aws;

/// <summary>An AWS error answer: HTTP status plus the service's error type (e.g. ConflictException).</summary>
public sealed class AwsServiceException(HttpStatusCode status, string errorType, string? detail)
    : Exception($"AWS answered {(int)status} {errorType}{(detail is null ? "" : ": " + detail)}")
{
    public HttpStatusCode Status { get; } = status;

    public string ErrorType { get; } = errorType;
}

/// <summary>A successful (2xx) or error answer, with the error type already extracted.</summary>
public sealed record AwsResponse(HttpStatusCode Status, string? ErrorType, string? ErrorMessage, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public AwsServiceException ToException() => new(Status, ErrorType ?? "UnknownError", ErrorMessage);
}

/// <summary>
/// Sends SigV4-signed JSON requests to one AWS service endpoint (the rest-json protocol of Scheduler and
/// SES v2). Thin on purpose: the typed clients build paths and bodies, this signs, sends and reads errors.
/// </summary>
public sealed class AwsJsonClient(HttpClient http, Uri endpoint, SigV4Signer signer, IAwsCredentialSource credentials, TimeProvider time)
{
    /// <summary>Answers larger than this are cut off: none of the calls we make returns more than a few hundred bytes.</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    public Uri Endpoint { get; } = endpoint;

    /// <param name="pathAndQuery">Already percent-encoded, e.g. "/schedules/r-1?groupName=reminders".</param>
    public async Task<AwsResponse> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Endpoint, pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var signing = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        signer.Sign(request, body ?? [], signing, time.GetUtcNow());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new AwsResponse(response.StatusCode, null, null, bytes);
        }
        var (type, message) = ReadError(response, bytes);
        return new AwsResponse(response.StatusCode, type, message, bytes);
    }

    /// <summary>
    /// The error type comes in the X-Amzn-ErrorType header or the body's "__type"/"code" field, sometimes
    /// with a namespace ("aws.scheduler#ConflictException") or a URL suffix ("ConflictException:http://...").
    /// </summary>
    internal static (string? Type, string? Message) ReadError(HttpResponseMessage response, byte[] body)
    {
        string? type = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (type is null && property.Value.ValueKind == JsonValueKind.String && property.Name is "__type" or "code" or "Code" or "type")
                    {
                        type = property.Value.GetString();
                    }
                    if (message is null && property.Value.ValueKind == JsonValueKind.String && property.Name is "message" or "Message")
                    {
                        message = property.Value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): the status alone has to do.
        }
        if (type is not null)
        {
            type = type.Split(':')[0];
            type = type[(type.LastIndexOf('#') + 1)..];
        }
        return (type, message);
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new InvalidDataException($"AWS answer larger than {MaxResponseBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
