using System.Runtime.CompilerServices;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Testing;

/// <summary>A collection keeping its members by decoded name, in creation order.</summary>
public sealed class InMemoryCollection : InMemoryNode, IDavWritableCollection
{
    private readonly List<InMemoryNode> _children = [];

    internal InMemoryCollection(InMemoryTree tree, string name, string? encodedName, DavCollectionSpec spec)
        : base(tree, name, encodedName)
    {
        ResourceTypes = spec.ResourceTypes;
        if (spec.Properties.Count > 0)
        {
            PatchStoredPropertiesAsync([.. spec.Properties.Select(p => new DavPropertyChange(p.Name, p))], CancellationToken.None);
        }
    }

    /// <summary>The extra resource types it was created with (extended MKCOL).</summary>
    public IReadOnlyList<XName> ResourceTypes { get; }

    internal InMemoryNode? Find(string name) => _children.Find(c => c.Name == name);

    public async IAsyncEnumerable<IDavNode> GetChildrenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        InMemoryNode[] snapshot;
        lock (Tree.Gate)
        {
            snapshot = [.. _children];
        }
        foreach (var child in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return child;
        }
        await Task.CompletedTask;
    }

    public ValueTask<IDavNode?> GetChildAsync(string name, CancellationToken cancellationToken)
    {
        lock (Tree.Gate)
        {
            return ValueTask.FromResult<IDavNode?>(Find(name));
        }
    }

    public async ValueTask<IDavFile> CreateFileAsync(DavSegment name, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        var file = new InMemoryFile(Tree, name.Name, name.Encoded);
        await file.WriteAsync(content, contentType, expectedETag: null, cancellationToken);
        Add(file);
        return file;
    }

    public ValueTask<IDavCollection> CreateCollectionAsync(DavSegment name, DavCollectionSpec spec, CancellationToken cancellationToken)
    {
        var collection = new InMemoryCollection(Tree, name.Name, name.Encoded, spec);
        Add(collection);
        return ValueTask.FromResult<IDavCollection>(collection);
    }

    public ValueTask DeleteChildAsync(string name, EntityTag? expectedETag, CancellationToken cancellationToken)
    {
        lock (Tree.Gate)
        {
            var child = Find(name) ?? throw new DavException(404, null, "No such member.");
            if (expectedETag is { } expected && child.ETag != expected)
            {
                throw new DavException(412, null, "The member changed since its ETag was checked.");
            }
            _children.Remove(child);
            LastModified = Tree.Clock.GetUtcNow();
        }
        return ValueTask.CompletedTask;
    }

    private void Add(InMemoryNode node)
    {
        lock (Tree.Gate)
        {
            if (Find(node.Name) is not null)
            {
                throw new DavException(412, null, "A member with this name appeared concurrently.");
            }
            _children.Add(node);
            LastModified = Tree.Clock.GetUtcNow();
        }
    }
}
