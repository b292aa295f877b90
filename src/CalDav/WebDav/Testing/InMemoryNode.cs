using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Testing;

/// <summary>What in-memory files and collections share: identity, dates and stored properties.</summary>
public abstract class InMemoryNode : IDavNode, IDavPropertyStore
{
    private readonly List<XElement> _properties = [];

    protected InMemoryNode(InMemoryTree tree, string name, string? encodedName)
    {
        Tree = tree;
        Name = name;
        EncodedName = encodedName;
        CreationDate = tree.Clock.GetUtcNow();
        LastModified = CreationDate;
    }

    internal InMemoryTree Tree { get; }

    public string Name { get; }

    public string? EncodedName { get; }

    public EntityTag? ETag { get; protected set; }

    public DateTimeOffset? LastModified { get; protected set; }

    public DateTimeOffset? CreationDate { get; }

    public ValueTask<IReadOnlyList<XElement>> GetStoredPropertiesAsync(CancellationToken cancellationToken)
    {
        lock (Tree.Gate)
        {
            return ValueTask.FromResult<IReadOnlyList<XElement>>([.. _properties.Select(p => new XElement(p))]);
        }
    }

    public ValueTask PatchStoredPropertiesAsync(IReadOnlyList<DavPropertyChange> changes, CancellationToken cancellationToken)
    {
        lock (Tree.Gate)
        {
            foreach (var change in changes)
            {
                var index = _properties.FindIndex(p => p.Name == change.Name);
                if (change.Value is null)
                {
                    if (index >= 0)
                    {
                        _properties.RemoveAt(index);
                    }
                }
                else if (index >= 0)
                {
                    _properties[index] = new XElement(change.Value);
                }
                else
                {
                    _properties.Add(new XElement(change.Value));
                }
            }
        }
        return ValueTask.CompletedTask;
    }
}
