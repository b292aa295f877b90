using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav;

/// <summary>The shared, immutable parts of the CalDAV service: store, options and engines.</summary>
public sealed class CalDavService
{
    public CalDavService(IStore store, CalDavOptions options)
    {
        Store = store;
        Options = options;
        TimeEngine = options.TimeEngine ?? new InterimTimeEngine(options.MaxInstancesPerObject);
        Preparer = new CalendarObjectPreparer(this);
    }

    public IStore Store { get; }

    public CalDavOptions Options { get; }

    public ICalendarTimeEngine TimeEngine { get; }

    internal CalendarObjectPreparer Preparer { get; }

    /// <summary>The DAV:sync-token URI of a store token (RFC 6578 section 3.2).</summary>
    public string SyncTokenUri(SyncToken token) => Options.SyncTokenPrefix + token;

    /// <summary>Reads a DAV:sync-token URI back; false for anything this server did not issue.</summary>
    public bool TryParseSyncTokenUri(string text, out SyncToken token)
    {
        token = default;
        text = text.Trim();
        return text.StartsWith(Options.SyncTokenPrefix, StringComparison.Ordinal)
            && SyncToken.TryParse(text[Options.SyncTokenPrefix.Length..], out token);
    }
}
