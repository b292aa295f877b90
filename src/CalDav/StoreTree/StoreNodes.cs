using System.Xml.Linq;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>A read-only collection of fixed members (the root, /principals/, /calendars/).</summary>
internal sealed class FixedCollectionNode(string name, IReadOnlyList<IDavNode> children) : IDavCollection, IDavAccessControlled
{
    public IReadOnlyList<XName> GetCurrentUserPrivileges(string? principalHref) => ReadOnly.Privileges;

    public string Name => name;

    public string? EncodedName => null;

    public EntityTag? ETag => null;

    public DateTimeOffset? LastModified => null;

    public DateTimeOffset? CreationDate => null;

    public async IAsyncEnumerable<IDavNode> GetChildrenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var child in children)
        {
            yield return child;
        }
    }

    public ValueTask<IDavNode?> GetChildAsync(string childName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(children.FirstOrDefault(c => c.Name == childName));
}

/// <summary>
/// The principal resource of one account (RFC 3744 section 2); a collection without members, so
/// its href ends in '/' as clients expect.
/// </summary>
internal sealed class PrincipalNode(string userName) : IDavCollection, IDavOwned, IDavAccessControlled, IDavPropertyStore
{
    public IReadOnlyList<XName> GetCurrentUserPrivileges(string? principalHref) => ReadOnly.Privileges;

    /// <summary>DAV:displayname of a principal is the account name; it is not stored.</summary>
    public ValueTask<IReadOnlyList<XElement>> GetStoredPropertiesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<XElement>>([new XElement(DavNames.DisplayName, userName)]);

    public ValueTask PatchStoredPropertiesAsync(IReadOnlyList<DavPropertyChange> changes, CancellationToken cancellationToken) =>
        throw new DavException(403, null, "Principal properties cannot be changed.");

    public string UserName => userName;

    public string Name => userName;

    public string? EncodedName => null;

    public EntityTag? ETag => null;

    public DateTimeOffset? LastModified => null;

    public DateTimeOffset? CreationDate => null;

    /// <summary>Set by the tree: the principal owns itself.</summary>
    public string? OwnerHref { get; init; }

    public async IAsyncEnumerable<IDavNode> GetChildrenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<IDavNode?> GetChildAsync(string name, CancellationToken cancellationToken) => ValueTask.FromResult<IDavNode?>(null);
}


/// <summary>RFC 3744 section 3: what the server-made resources allow (read, never write).</summary>
internal static class ReadOnly
{
    public static readonly XName[] Privileges = [DavNames.Read, DavNames.ReadCurrentUserPrivilegeSet];
}
