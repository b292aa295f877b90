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
    /// <summary>A 200 value that is plain text, written without building an element (<see cref="FoundText"/>).</summary>
    public string? Text { get; init; }

    /// <summary>A 200 value that is text held as UTF-8, e.g. stored calendar data (<see cref="FoundUtf8Text"/>).</summary>
    public ReadOnlyMemory<byte>? Utf8Text { get; init; }

    public static PropertyResult Found(XElement value) => new(value.Name, 200, value);

    /// <summary>The element <paramref name="name"/> with <paramref name="text"/> as its content.</summary>
    public static PropertyResult FoundText(XName name, string text) => new(name, 200) { Text = text };

    /// <summary>The element <paramref name="name"/> with UTF-8 text as its content (escaped when written).</summary>
    public static PropertyResult FoundUtf8Text(XName name, ReadOnlyMemory<byte> utf8) => new(name, 200) { Utf8Text = utf8 };
}

/// <summary>
/// Streams a 207 Multi-Status body (RFC 4918 section 13) to the response: the root declares D:, C:,
/// CS: and ICAL: once, each resource is written as soon as it is known. The document is written as
/// UTF-8 straight into a pooled buffer, from pre-encoded tags (<see cref="ElementTags"/>) and text
/// escaped in one pass (<see cref="Utf8XmlOutput"/>); text values and stored calendar data never
/// become elements. The buffer goes to the response in chunks of about <see cref="ChunkBytes"/>
/// (awaiting a pipe flush every few kilobytes cost more than the XML); a response that fits in one
/// chunk is sent with a Content-Length instead of chunked.
/// </summary>
public sealed class MultistatusWriter : IAsyncDisposable
{
    /// <summary>How much XML is gathered before it is sent on; memory stays bounded for any member count.</summary>
    internal const int ChunkBytes = 32 * 1024;

    private static readonly byte[] Declaration = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    private static readonly byte[] RootNamespaces = Encoding.UTF8.GetBytes(string.Concat(
        DavNames.ResponsePrefixes.Select(p => $" xmlns:{p.Prefix}=\"{p.Namespace.NamespaceName}\"")));

    private static readonly byte[] Status200 = StatusElement(200);
    private static readonly byte[] Status404 = StatusElement(404);

    private readonly HttpResponse _response;
    private readonly Utf8XmlOutput _output;
    private readonly ElementTags _root;
    private bool _sentAny;
    private bool _ended;

    private MultistatusWriter(HttpResponse response, XName root)
    {
        _response = response;
        _output = new Utf8XmlOutput(ChunkBytes + ChunkBytes / 2);
        _root = ElementTags.Of(root);
    }

    /// <summary>Sets 207 and the content type, and writes the root element.</summary>
    public static Task<MultistatusWriter> StartAsync(HttpResponse response, XName? root = null, int status = 207)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml; charset=utf-8";
        var writer = new MultistatusWriter(response, root ?? DavNames.Multistatus);
        writer._output.WriteRaw(Declaration);
        var start = writer._root.Start;
        writer._output.WriteRaw(start.AsSpan(0, start.Length - 1)); // "<D:multistatus" without its ">"
        writer._output.WriteRaw(RootNamespaces);
        writer._output.WriteRaw(">"u8);
        return Task.FromResult(writer);
    }

    /// <summary>The root start tag with the response prefixes, for documents written with an XmlWriter (DAV:error bodies).</summary>
    internal static void WriteRootStart(XmlWriter writer, XName root)
    {
        writer.WriteStartElement(ElementTags.PrefixOf(root.Namespace), root.LocalName, root.NamespaceName);
        foreach (var (prefix, ns) in DavNames.ResponsePrefixes)
        {
            writer.WriteAttributeString("xmlns", prefix, null, ns.NamespaceName);
        }
    }

    /// <summary>One DAV:response with propstats grouped by status, in first-seen order.</summary>
    public Task WriteResponseAsync(string href, IReadOnlyList<PropertyResult> results)
    {
        StartResponse(href);
        WritePropstats(results);
        _output.WriteRaw("</D:response>"u8);
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
            _output.WriteRaw("<D:propstat><D:prop>"u8);
            for (var j = i; j < results.Count; j++)
            {
                var result = results[j];
                if ((result.Status, result.Error) == key)
                {
                    WriteProperty(result);
                }
            }
            _output.WriteRaw("</D:prop>"u8);
            WriteStatus(key.Status);
            if (key.Error is { } error)
            {
                WriteErrorElement(error);
            }
            _output.WriteRaw("</D:propstat>"u8);
        }
    }

    private void WriteProperty(PropertyResult result)
    {
        if (result.Status == 200 && result.Value is { } value)
        {
            XElementUtf8Writer.Write(_output, value);
            return;
        }
        var tags = ElementTags.Of(result.Name);
        if (result.Status == 200 && result.Text is { } text)
        {
            _output.WriteRaw(tags.Start);
            _output.WriteText(text);
            _output.WriteRaw(tags.End);
        }
        else if (result.Status == 200 && result.Utf8Text is { } utf8)
        {
            _output.WriteRaw(tags.Start);
            _output.WriteText(utf8.Span);
            _output.WriteRaw(tags.End);
        }
        else
        {
            _output.WriteRaw(tags.Empty);
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
        _output.WriteRaw("</D:response>"u8);
        return SendFullChunkAsync();
    }

    /// <summary>Any element directly under the root, e.g. RFC 6578's DAV:sync-token.</summary>
    public Task WriteElementAsync(XElement element)
    {
        XElementUtf8Writer.Write(_output, element);
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
        _output.WriteRaw(_root.End);
        if (!_sentAny && !_response.HasStarted)
        {
            _response.ContentLength = _output.Length;
        }
        await SendBufferAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await EndAsync();
        }
        finally
        {
            _output.Dispose();
        }
    }

    /// <summary>Sends the buffer once it holds a chunk; otherwise completes at once without awaiting.</summary>
    private Task SendFullChunkAsync() => _output.Length >= ChunkBytes ? SendBufferAsync() : Task.CompletedTask;

    private async Task SendBufferAsync()
    {
        if (_output.Length == 0)
        {
            return;
        }
        _sentAny = true;
        await _response.Body.WriteAsync(_output.WrittenMemory, _response.HttpContext.RequestAborted);
        _output.Clear();
    }

    private void StartResponse(string href)
    {
        _output.WriteRaw("<D:response><D:href>"u8);
        _output.WriteText(href);
        _output.WriteRaw("</D:href>"u8);
    }

    private void WriteStatus(int status) => _output.WriteRaw(status switch
    {
        200 => Status200,
        404 => Status404,
        _ => StatusElement(status),
    });

    private void WriteErrorElement(XName error)
    {
        _output.WriteRaw("<D:error>"u8);
        _output.WriteRaw(ElementTags.Of(error).Empty);
        _output.WriteRaw("</D:error>"u8);
    }

    private static byte[] StatusElement(int status) => Encoding.UTF8.GetBytes("<D:status>" + StatusLine(status) + "</D:status>");

    /// <summary>"HTTP/1.1 404 Not Found" as DAV:status wants it.</summary>
    public static string StatusLine(int status) => status switch
    {
        200 => "HTTP/1.1 200 OK",
        404 => "HTTP/1.1 404 Not Found",
        _ => $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}",
    };
}
