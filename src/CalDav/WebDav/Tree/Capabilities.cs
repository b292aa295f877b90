using System.Xml.Linq;

namespace AuroraTime.CalDav.WebDav.Tree;

/// <summary>One change of a PROPPATCH: a new value, or null to remove the property.</summary>
public readonly record struct DavPropertyChange(XName Name, XElement? Value);

/// <summary>
/// Capability: the node stores properties that the server does not compute ("dead" properties,
/// RFC 4918 section 4.2), including writable live ones such as DAV:displayname that a module
/// validated first. Values are whole property elements, kept with their namespaces.
/// </summary>
public interface IDavPropertyStore
{
    ValueTask<IReadOnlyList<XElement>> GetStoredPropertiesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies all changes in order, atomically: either all are stored or none (RFC 4918 section 9.2).
    /// </summary>
    ValueTask PatchStoredPropertiesAsync(IReadOnlyList<DavPropertyChange> changes, CancellationToken cancellationToken);
}

/// <summary>Capability: quota figures (RFC 4331).</summary>
public interface IDavQuota
{
    long? QuotaUsedBytes { get; }

    long? QuotaAvailableBytes { get; }
}

/// <summary>Capability: a collection that can report changes (RFC 6578); the token is a URI.</summary>
public interface IDavSyncTokenSource
{
    string SyncToken { get; }
}

/// <summary>Capability: the principal that owns the resource (RFC 3744 section 5.1).</summary>
public interface IDavOwned
{
    /// <summary>Absolute-path href of the owner principal, or null when unknown.</summary>
    string? OwnerHref { get; }
}

/// <summary>Capability: privileges narrower than full access (RFC 3744 section 5.4).</summary>
public interface IDavAccessControlled
{
    IReadOnlyList<XName> GetCurrentUserPrivileges(string? principalHref);
}
