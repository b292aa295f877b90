using System.Xml.Linq;

namespace AuroraTime.CalDav.WebDav;

/// <summary>
/// The one error the WebDAV core and its modules raise to end a request with an HTTP status. The
/// middleware maps it in one place: with a <see cref="Precondition"/> the body is
/// <c>&lt;D:error&gt;&lt;precondition/&gt;&lt;/D:error&gt;</c> (RFC 4918 section 16), otherwise a
/// plain-text reason. Inside PROPFIND/PROPPATCH it becomes the status of a single property.
/// </summary>
public sealed class DavException : Exception
{
    public DavException(int status, XName? precondition, string message)
        : base(message)
    {
        Status = status;
        Precondition = precondition;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The precondition or postcondition element named in the error body, if any.</summary>
    public XName? Precondition { get; }
}
