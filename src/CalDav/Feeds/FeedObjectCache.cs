using System.Collections.Concurrent;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// What one stored object contributes to a feed, kept between requests so an object that has not
/// changed since the last poll is not parsed, filtered and serialised again. Keyed by the object's
/// identity and strong ETag (which changes whenever its content does, RFC 9110 section 8.8.3) plus the
/// link's token id (scopes and busy-block UIDs depend on the link), so an entry can never be served for
/// other content or another link. Whole feed bodies are never cached: each request still reads the
/// store, applies the window and writes every event, it only skips the per-object work it has already done.
/// </summary>
/// <remarks>
/// Bounded by the bytes it holds (<see cref="FeedOptions.ObjectCacheBytes"/>), in two generations:
/// entries go into the current one; when it holds half the budget it becomes the previous one and the
/// old previous one is dropped. A hit in the previous generation moves the entry forward, so what feeds
/// keep asking for stays and what nobody asks for leaves within two turns. Outputs that are cheap to
/// rebuild (<see cref="FeedObjectOutput.IsCheapToRebuild"/>) only fill room that is free. Thread-safe.
/// </remarks>
public sealed class FeedObjectCache
{
    // Per-entry bookkeeping beyond the payload bytes: key strings, dictionary node, entry object.
    private const int EntryOverheadBytes = 256;

    private readonly long generationBytes;
    private readonly object rotation = new();
    private ConcurrentDictionary<Key, FeedObjectOutput> current = new();
    private ConcurrentDictionary<Key, FeedObjectOutput> previous = new();
    private long currentBytes;

    /// <param name="maxBytes">Roughly the most memory the entries take; 0 turns caching off.</param>
    public FeedObjectCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        generationBytes = maxBytes / 2;
    }

    /// <summary>Entries held now, in both generations (for tests and the benchmark).</summary>
    public int Count => current.Count + previous.Count;

    /// <summary>The cached output of <paramref name="stored"/> for the link <paramref name="tokenId"/>, or null.</summary>
    internal FeedObjectOutput? Find(CollectionRef calendar, StoredObject stored, string tokenId)
    {
        if (generationBytes == 0)
        {
            return null;
        }
        var key = new Key(calendar.UserName, calendar.Path, stored.Href, stored.ETag.Value, tokenId);
        if (current.TryGetValue(key, out var output))
        {
            return output;
        }
        if (previous.TryRemove(key, out output))
        {
            Add(key, output);
            return output;
        }
        return null;
    }

    internal void Add(CollectionRef calendar, StoredObject stored, string tokenId, FeedObjectOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (generationBytes > 0)
        {
            Add(new Key(calendar.UserName, calendar.Path, stored.Href, stored.ETag.Value, tokenId), output);
        }
    }

    /// <summary>Drops every entry (the benchmark's cold runs).</summary>
    public void Clear()
    {
        lock (rotation)
        {
            current = new();
            previous = new();
            currentBytes = 0;
        }
    }

    private void Add(Key key, FeedObjectOutput output)
    {
        var size = output.SizeInBytes + EntryOverheadBytes + (2 * (key.Href.Length + key.ETag.Length));
        if (size > generationBytes)
        {
            return;
        }
        // An output that is as cheap to rebuild as to look up goes in only while the generation has room, and never
        // turns it over: when a calendar's window holds more than the budget, the first part stays cached and the
        // rest is rebuilt, instead of every request pushing everything out (the 100,000-event feed that ran 30x
        // slower than 10,000 did so because it churned here).
        if (output.IsCheapToRebuild && Interlocked.Read(ref currentBytes) + size > generationBytes)
        {
            return;
        }
        if (!current.TryAdd(key, output))
        {
            return;
        }
        if (Interlocked.Add(ref currentBytes, size) <= generationBytes)
        {
            return;
        }
        lock (rotation)
        {
            if (Interlocked.Read(ref currentBytes) > generationBytes)
            {
                previous = current;
                current = new();
                Interlocked.Exchange(ref currentBytes, 0);
            }
        }
    }

    private readonly record struct Key(string UserName, string CalendarPath, string Href, string ETag, string TokenId);
}
