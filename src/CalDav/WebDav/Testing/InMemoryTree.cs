using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Testing;

/// <summary>
/// A thread-safe resource tree in memory, for the core's tests and the litmus host. Every write
/// holds one lock, so each operation is atomic; nodes handed out are live objects.
/// </summary>
public sealed class InMemoryTree : IDavTree
{
    private long _nextTag;

    public InMemoryTree(TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        Root = new InMemoryCollection(this, "", null, DavCollectionSpec.Plain);
    }

    public InMemoryCollection Root { get; }

    internal TimeProvider Clock { get; }

    internal object Gate { get; } = new();

    internal EntityTag NewTag() => new($"t{Interlocked.Increment(ref _nextTag)}");

    public ValueTask<IDavNode?> GetNodeAsync(DavPath path, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            IDavNode? node = Root;
            foreach (var segment in path.Segments)
            {
                node = (node as InMemoryCollection)?.Find(segment.Name);
                if (node is null)
                {
                    break;
                }
            }
            return ValueTask.FromResult(node);
        }
    }
}
