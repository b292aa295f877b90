using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>
/// Reads request bodies as XML with every external-entity door shut: DTDs prohibited, no resolver,
/// a character cap, and a byte cap checked before and while reading (413 when exceeded).
/// </summary>
public static class DavXmlReader
{
    public static async Task<XDocument?> ReadAsync(HttpRequest request, DavOptions options, CancellationToken cancellationToken)
    {
        var bytes = await ReadBodyAsync(request, options.MaxXmlBodyBytes, cancellationToken);
        if (bytes.Length == 0 || bytes.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return null;
        }
        return Parse(bytes, options.MaxXmlCharacters);
    }

    /// <summary>Parses a complete document; malformed XML is a 400 that says why and where.</summary>
    public static XDocument Parse(byte[] bytes, long maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new DavException(400, null, $"Malformed XML body: {e.Message}");
        }
    }

    /// <summary>Reads the whole body, refusing more than <paramref name="maxBytes"/> with 413.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new DavException(413, null, $"The request body is larger than {maxBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new DavException(413, null, $"The request body is larger than {maxBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
