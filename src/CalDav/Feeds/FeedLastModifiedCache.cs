using System.Collections.Concurrent;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// The newest member change of each calendar, remembered per sync token. The token moves on every
/// member change, a deletion included (RFC 6578 section 3.1), so while it stands the listing that
/// produced the value would produce it again and need not be read per request.
/// </summary>
internal sealed class FeedLastModifiedCache
{
    // One entry per calendar; the bound only guards against unbounded growth on a large server.
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(string UserName, string Path), (SyncToken Token, Instant Newest)> newest = new();

    public bool TryGet(StoredCollection calendar, out Instant value)
    {
        if (newest.TryGetValue((calendar.Ref.UserName, calendar.Ref.Path), out var entry) && entry.Token == calendar.SyncToken)
        {
            value = entry.Newest;
            return true;
        }
        value = default;
        return false;
    }

    public void Set(StoredCollection calendar, Instant value)
    {
        if (newest.Count >= MaxEntries)
        {
            newest.Clear();
        }
        newest[(calendar.Ref.UserName, calendar.Ref.Path)] = (calendar.SyncToken, value);
    }
}
