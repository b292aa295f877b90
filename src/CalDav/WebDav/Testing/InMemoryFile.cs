using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Testing;

/// <summary>A file whose body is a byte array.</summary>
public sealed class InMemoryFile : InMemoryNode, IDavWritableFile
{
    private byte[] _content = [];

    internal InMemoryFile(InMemoryTree tree, string name, string? encodedName)
        : base(tree, name, encodedName)
    {
    }

    public string ContentType { get; private set; } = "application/octet-stream";

    public long ContentLength
    {
        get
        {
            lock (Tree.Gate)
            {
                return _content.LongLength;
            }
        }
    }

    public ValueTask<Stream> OpenReadAsync(CancellationToken cancellationToken)
    {
        lock (Tree.Gate)
        {
            return ValueTask.FromResult<Stream>(new MemoryStream(_content, writable: false));
        }
    }

    public async ValueTask<EntityTag> WriteAsync(Stream content, string? contentType, EntityTag? expectedETag, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        lock (Tree.Gate)
        {
            if (expectedETag is { } expected && ETag != expected)
            {
                throw new DavException(412, null, "The resource changed since its ETag was checked.");
            }
            _content = buffer.ToArray();
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
            ETag = Tree.NewTag();
            LastModified = Tree.Clock.GetUtcNow();
            return ETag.Value;
        }
    }
}
