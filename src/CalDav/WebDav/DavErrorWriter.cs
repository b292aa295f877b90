using System.Text;
using System.Xml;
using AuroraTime.CalDav.WebDav.Xml;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav;

/// <summary>The one place where a <see cref="DavException"/> becomes an HTTP response.</summary>
internal static class DavErrorWriter
{
    public static async Task WriteAsync(HttpResponse response, DavException error, string allowHeader)
    {
        response.Clear();
        response.StatusCode = error.Status;
        if (error.Status == 405)
        {
            response.Headers.Allow = allowHeader;
        }
        if (error.Precondition is { } precondition)
        {
            // RFC 4918 section 16: the precondition code goes in a DAV:error body.
            response.ContentType = "application/xml; charset=utf-8";
            var body = new MemoryStream();
            using (var writer = XmlWriter.Create(body, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            {
                writer.WriteStartDocument();
                MultistatusWriter.WriteRootStart(writer, DavNames.Error);
                writer.WriteStartElement(null, precondition.LocalName, precondition.NamespaceName);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndDocument();
            }
            await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
            return;
        }
        if (error.Status is not 304 and >= 400)
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(error.Message + "\n");
        }
    }
}
