using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Xml;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.CalDav.Methods;

/// <summary>
/// A DAV:error body (RFC 4918 section 16) whose precondition element carries content, such as the
/// DAV:href inside CALDAV:no-uid-conflict (RFC 4791 section 5.3.2.1), plus a reason for people.
/// </summary>
internal static class CalDavErrorBody
{
    public static async Task WriteAsync(HttpResponse response, int status, XElement condition, string? message)
    {
        var error = new XElement(DavNames.Error,
            DavNames.ResponsePrefixes.Select(p => new XAttribute(XNamespace.Xmlns + p.Prefix, p.Namespace.NamespaceName)),
            condition);
        if (message is not null)
        {
            error.Add(new XElement(DavNames.ResponseDescription, message));
        }
        response.StatusCode = status;
        response.ContentType = "application/xml; charset=utf-8";
        await response.WriteAsync(new XDocument(new XDeclaration("1.0", "utf-8", null), error).Declaration + error.ToString(SaveOptions.DisableFormatting));
    }
}
