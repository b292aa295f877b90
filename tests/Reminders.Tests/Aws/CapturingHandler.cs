using System.Collections.Concurrent;
using System.Net;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>A request as it left our client: method, URI, every header (request and content) and the body.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, byte[] Body);

/// <summary>
/// Stands in for the network: keeps each request our client sends and answers with <see cref="Respond"/>
/// (by default 200 "{}").
/// </summary>
internal sealed class CapturingHandler : HttpMessageHandler
{
    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public Func<CapturedRequest, (HttpStatusCode Status, string Body)> Respond { get; set; } = _ => (HttpStatusCode.OK, "{}");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(',', header.Value);
        }
        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Enqueue(captured);
        var (status, text) = Respond(captured);
        return new HttpResponseMessage(status) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") };
    }
}
