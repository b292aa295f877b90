using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>The outcome of one property in a multistatus response.</summary>
/// <param name="Value">The property element with its value; only for 200.</param>
/// <param name="Error">A precondition element to explain a failure, put in DAV:error.</param>
public readonly record struct PropertyResult(XName Name, int Status, XElement? Value = null, XName? Error = null)
{
    public static PropertyResult Found(XElement value) => new(value.Name, 200, value);
}

/// <summary>
/// Streams a 207 Multi-Status body (RFC 4918 section 13) straight to the response: the root
/// declares D:, C:, CS: and ICAL: once, each resource is written as soon as it is known.
/// </summary>
public sealed class MultistatusWriter : IAsyncDisposable
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
    };

    private readonly XmlWriter _writer;
    private bool _ended;

    private MultistatusWriter(XmlWriter writer) => _writer = writer;

    /// <summary>Sets 207 and the content type, and writes the root element.</summary>
    public static async Task<MultistatusWriter> StartAsync(HttpResponse response, XName? root = null, int status = 207)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml; charset=utf-8";
        var writer = XmlWriter.Create(response.Body, Settings);
        await writer.WriteStartDocumentAsync();
        await WriteRootStartAsync(writer, root ?? DavNames.Multistatus);
        return new MultistatusWriter(writer);
    }

    internal static async Task WriteRootStartAsync(XmlWriter writer, XName root)
    {
        await writer.WriteStartElementAsync(PrefixOf(root.Namespace), root.LocalName, root.NamespaceName);
        foreach (var (prefix, ns) in DavNames.ResponsePrefixes)
        {
            await writer.WriteAttributeStringAsync("xmlns", prefix, null, ns.NamespaceName);
        }
    }

    private static string? PrefixOf(XNamespace ns)
    {
        foreach (var (prefix, known) in DavNames.ResponsePrefixes)
        {
            if (known == ns)
            {
                return prefix;
            }
        }
        return null;
    }

    /// <summary>One DAV:response with propstats grouped by status, in first-seen order.</summary>
    public async Task WriteResponseAsync(string href, IReadOnlyList<PropertyResult> results)
    {
        await StartResponseAsync(href);
        await WritePropstatsAsync(results);
        await _writer.WriteEndElementAsync();
    }

    /// <summary>The propstat elements alone (also used inside DAV:mkcol-response).</summary>
    public async Task WritePropstatsAsync(IReadOnlyList<PropertyResult> results)
    {
        foreach (var group in results.GroupBy(r => (r.Status, r.Error)))
        {
            await WriteStartAsync(DavNames.Propstat);
            await WriteStartAsync(DavNames.Prop);
            foreach (var result in group)
            {
                if (result.Value is not null && result.Status == 200)
                {
                    await result.Value.WriteToAsync(_writer, CancellationToken.None);
                }
                else
                {
                    await WriteStartAsync(result.Name);
                    await _writer.WriteEndElementAsync();
                }
            }
            await _writer.WriteEndElementAsync();
            await WriteStatusAsync(group.Key.Status);
            if (group.Key.Error is { } error)
            {
                await WriteStartAsync(DavNames.Error);
                await WriteStartAsync(error);
                await _writer.WriteEndElementAsync();
                await _writer.WriteEndElementAsync();
            }
            await _writer.WriteEndElementAsync();
        }
    }

    /// <summary>A DAV:response that carries only a status (e.g. 404 for a deleted member).</summary>
    public async Task WriteStatusResponseAsync(string href, int status, XName? error = null)
    {
        await StartResponseAsync(href);
        await WriteStatusAsync(status);
        if (error is not null)
        {
            await WriteStartAsync(DavNames.Error);
            await WriteStartAsync(error);
            await _writer.WriteEndElementAsync();
            await _writer.WriteEndElementAsync();
        }
        await _writer.WriteEndElementAsync();
    }

    /// <summary>Any element directly under the root, e.g. RFC 6578's DAV:sync-token.</summary>
    public Task WriteElementAsync(XElement element) => element.WriteToAsync(_writer, CancellationToken.None);

    /// <summary>Closes the root and flushes.</summary>
    public async Task EndAsync()
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        await _writer.WriteEndElementAsync();
        await _writer.WriteEndDocumentAsync();
        await _writer.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        await _writer.DisposeAsync();
    }

    private async Task StartResponseAsync(string href)
    {
        await WriteStartAsync(DavNames.Response);
        await WriteStartAsync(DavNames.Href);
        await _writer.WriteStringAsync(href);
        await _writer.WriteEndElementAsync();
    }

    private async Task WriteStatusAsync(int status)
    {
        await WriteStartAsync(DavNames.Status);
        await _writer.WriteStringAsync(StatusLine(status));
        await _writer.WriteEndElementAsync();
    }

    private Task WriteStartAsync(XName name) =>
        _writer.WriteStartElementAsync(PrefixOf(name.Namespace) ?? (name.NamespaceName.Length == 0 ? "" : null), name.LocalName, name.NamespaceName);

    /// <summary>"HTTP/1.1 404 Not Found" as DAV:status wants it.</summary>
    public static string StatusLine(int status) => $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}";
}
