using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Properties;

/// <summary>What a live property is evaluated against.</summary>
public sealed record DavPropertyContext(DavRequest Request, IDavNode Node);

/// <summary>
/// A property the server computes or checks (RFC 4918 section 4.2). One class per property, with a
/// link to its RFC section; evaluated only when a client asks for it.
/// </summary>
public interface IDavLiveProperty
{
    XName Name { get; }

    /// <summary>
    /// Whether DAV:allprop returns it. RFC 4918 section 9.1 limits allprop to dead properties and the
    /// live properties defined in RFC 4918; costly ones from other specs must be asked for by name.
    /// </summary>
    bool IsInAllprop { get; }

    /// <summary>Whether the property exists on this kind of node (DAV:propname lists it).</summary>
    bool AppliesTo(IDavNode node);

    /// <summary>
    /// The whole property element with its value, or null when the node has no value (404 propstat).
    /// May throw <see cref="DavException"/> for a per-property status such as 403.
    /// </summary>
    ValueTask<XElement?> GetAsync(DavPropertyContext context);
}

/// <summary>
/// A live property that clients may set. The value is checked here and then stored through the
/// node's <see cref="IDavPropertyStore"/> in the same all-or-nothing batch as dead properties, so
/// PROPPATCH atomicity needs no rollback logic in each property.
/// </summary>
public interface IDavWritableLiveProperty : IDavLiveProperty
{
    /// <summary>
    /// Returns the value to store (possibly normalised) or throws <see cref="DavException"/>
    /// (typically 409 or 403 with a precondition) when the value is not acceptable.
    /// </summary>
    XElement Validate(XElement value, IDavNode? node);
}

/// <summary>
/// A live property whose value is plain text. The evaluator asks for the text and the multistatus
/// writer writes it between pre-encoded tags, so a PROPFIND Depth 1 builds no element per member.
/// </summary>
public interface IDavTextProperty : IDavLiveProperty
{
    /// <summary>The text value, or null when the node has none (404 propstat).</summary>
    string? GetText(DavPropertyContext context);
}

/// <summary>The element form of a <see cref="IDavTextProperty"/>, for <see cref="IDavLiveProperty.GetAsync"/>.</summary>
public static class DavTextPropertyExtensions
{
    public static ValueTask<XElement?> GetElement(this IDavTextProperty property, DavPropertyContext context) =>
        ValueTask.FromResult(property.GetText(context) is { } text ? new XElement(property.Name, text) : null);
}
