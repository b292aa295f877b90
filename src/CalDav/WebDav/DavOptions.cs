using AuroraTime.CalDav.WebDav.Tree;
using Microsoft.AspNetCore.Http;

namespace AuroraTime.CalDav.WebDav;

/// <summary>Limits and host hooks of the WebDAV core.</summary>
public sealed class DavOptions
{
    /// <summary>Largest XML request body in bytes; larger ones get 413.</summary>
    public long MaxXmlBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest number of characters an XML request document may expand to.</summary>
    public long MaxXmlCharacters { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest PUT body in bytes; larger ones get 413.</summary>
    public long MaxResourceBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The tree to serve for a request (it may depend on the signed-in user).</summary>
    public Func<HttpContext, IDavTree>? TreeResolver { get; set; }

    /// <summary>Absolute-path href of the signed-in principal, or null when anonymous.</summary>
    public Func<HttpContext, string?> PrincipalResolver { get; set; } = _ => null;
}
