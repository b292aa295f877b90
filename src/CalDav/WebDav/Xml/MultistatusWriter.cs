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
/// Streams a 207 Multi-Status body (RFC 4918 section 13) to the response: the root declares D:, C:,
/// CS: and ICAL: once, each resource is written as soon as it is known. The XML is written
/// synchronously into a buffer that goes to the response in chunks of about
/// <see cref="ChunkBytes"/>: an async XmlWriter straight on the response awaited a pipe flush for
/// every few kilobytes, which cost more than the XML itself in a PROPFIND of thousands of members.
/// </summary>
public sealed class MultistatusWriter : IAsyncDisposable
{
    /// <summary>How much XML is gathered before it is sent on; memory stays bounded for any member count.</summary>
    internal const int ChunkBytes = 32 * 1024;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
    };

    private readonly HttpResponse _response;
    private readonly MemoryStream _buffer;
    private readonly XmlWriter _writer;
    private bool _ended;

    private MultistatusWriter(HttpResponse response)
    {
        _response = response;
        _buffer = new MemoryStream(ChunkBytes * 2);
        _writer = XmlWriter.Create(_buffer, Settings);
    }

    /// <summary>Sets 207 and the content type, and writes the root element.</summary>
    public static Task<MultistatusWriter> StartAsync(HttpResponse response, XName? root = null, int status = 207)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml; charset=utf-8";
        var writer = new MultistatusWriter(response);
        writer._writer.WriteStartDocument();
        WriteRootStart(writer._writer, root ?? DavNames.Multistatus);
        return Task.FromResult(writer);
    }

    internal static void WriteRootStart(XmlWriter writer, XName root)
    {
        writer.WriteStartElement(PrefixOf(root.Namespace), root.LocalName, root.NamespaceName);
        foreach (var (prefix, ns) in DavNames.ResponsePrefixes)
        {
            writer.WriteAttributeString("xmlns", prefix, null, ns.NamespaceName);
        }
    }

    private static string? PrefixOf(XNamespace ns)
    {
        // An indexed loop: foreach over the IReadOnlyList allocated an enumerator per element written.
        var prefixes = DavNames.ResponsePrefixes;
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (prefixes[i].Namespace == ns)
            {
                return prefixes[i].Prefix;
            }
        }
        return null;
    }

    /// <summary>One DAV:response with propstats grouped by status, in first-seen order.</summary>
    public Task WriteResponseAsync(string href, IReadOnlyList<PropertyResult> results)
    {
        StartResponse(href);
        WritePropstats(results);
        _writer.WriteEndElement();
        return SendFullChunkAsync();
    }

    /// <summary>The propstat elements alone (also used inside DAV:mkcol-response).</summary>
    public Task WritePropstatsAsync(IReadOnlyList<PropertyResult> results)
    {
        WritePropstats(results);
        return SendFullChunkAsync();
    }

    private void WritePropstats(IReadOnlyList<PropertyResult> results)
    {
        // Groups by (status, error) in first-seen order; nearly always there is one group, so the
        // groups are found by scanning instead of building a lookup per response.
        for (var i = 0; i < results.Count; i++)
        {
            var key = (results[i].Status, results[i].Error);
            if (IndexOfGroup(results, key) < i)
            {
                continue; // this group was written when its first member came up
            }
            WriteStart(DavNames.Propstat);
            WriteStart(DavNames.Prop);
            for (var j = i; j < results.Count; j++)
            {
                var result = results[j];
                if ((result.Status, result.Error) != key)
                {
                    continue;
                }
                if (result.Value is not null && result.Status == 200)
                {
                    result.Value.WriteTo(_writer);
                }
                else
                {
                    WriteStart(result.Name);
                    _writer.WriteEndElement();
                }
            }
            _writer.WriteEndElement();
            WriteStatus(key.Status);
            if (key.Error is { } error)
            {
                WriteErrorElement(error);
            }
            _writer.WriteEndElement();
        }
    }

    private static int IndexOfGroup(IReadOnlyList<PropertyResult> results, (int Status, XName? Error) key)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if ((results[i].Status, results[i].Error) == key)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A DAV:response that carries only a status (e.g. 404 for a deleted member).</summary>
    public Task WriteStatusResponseAsync(string href, int status, XName? error = null)
    {
        StartResponse(href);
        WriteStatus(status);
        if (error is not null)
        {
            WriteErrorElement(error);
        }
        _writer.WriteEndElement();
        return SendFullChunkAsync();
    }

    /// <summary>Any element directly under the root, e.g. RFC 6578's DAV:sync-token.</summary>
    public Task WriteElementAsync(XElement element)
    {
        element.WriteTo(_writer);
        return SendFullChunkAsync();
    }

    /// <summary>Closes the root and sends what is left.</summary>
    public async Task EndAsync()
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        _writer.WriteEndElement();
        _writer.WriteEndDocument();
        _writer.Flush();
        await SendBufferAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        _writer.Dispose();
        await _buffer.DisposeAsync();
    }

    /// <summary>Sends the buffer once it holds a chunk; otherwise completes at once without awaiting.</summary>
    private Task SendFullChunkAsync()
    {
        _writer.Flush();
        return _buffer.Length >= ChunkBytes ? SendBufferAsync() : Task.CompletedTask;
    }

    private async Task SendBufferAsync()
    {
        if (_buffer.Length == 0)
        {
            return;
        }
        await _response.Body.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), _response.HttpContext.RequestAborted);
        _buffer.SetLength(0);
    }

    private void StartResponse(string href)
    {
        WriteStart(DavNames.Response);
        WriteStart(DavNames.Href);
        _writer.WriteString(href);
        _writer.WriteEndElement();
    }

    private void WriteStatus(int status)
    {
        WriteStart(DavNames.Status);
        _writer.WriteString(StatusLine(status));
        _writer.WriteEndElement();
    }

    private void WriteErrorElement(XName error)
    {
        WriteStart(DavNames.Error);
        WriteStart(error);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void WriteStart(XName name) =>
        _writer.WriteStartElement(PrefixOf(name.Namespace) ?? (name.NamespaceName.Length == 0 ? "" : null), name.LocalName, name.NamespaceName);

    /// <summary>"HTTP/1.1 404 Not Found" as DAV:status wants it.</summary>
    public static string StatusLine(int status) => status switch
    {
        200 => "HTTP/1.1 200 OK",
        404 => "HTTP/1.1 404 Not Found",
        _ => $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}",
    };
}
