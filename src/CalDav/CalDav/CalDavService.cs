using AuroraTime.CalDav.CalDav.Changes;
using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuroraTime.CalDav.CalDav;

/// <summary>The shared, immutable parts of the CalDAV service: store, options and engines.</summary>
public sealed class CalDavService
{
    /// <param name="store">The store every request reads and writes.</param>
    /// <param name="options">The host's choices.</param>
    /// <param name="observers">Told about every committed write (none by default).</param>
    /// <param name="logger">Where observer failures are reported.</param>
    public CalDavService(IStore store, CalDavOptions options, IEnumerable<ICalendarObjectObserver>? observers = null, ILogger<CalDavService>? logger = null)
    {
        Notifier = new ChangeNotifier([.. observers ?? []], (ILogger?)logger ?? NullLogger.Instance);
        Store = store;
        Options = options;
        TimeEngine = options.TimeEngine ?? new IcalTimeEngine(new Ical.Recurrence.RecurrenceLimits(options.MaxInstancesPerObject));
        Preparer = new CalendarObjectPreparer(this);
        Writer = new CalendarObjectWriter(this);
    }

    public IStore Store { get; }

    public CalDavOptions Options { get; }

    public ICalendarTimeEngine TimeEngine { get; }

    internal CalendarObjectPreparer Preparer { get; }

    /// <summary>The write path for calendar objects shared by CalDAV PUT and the REST API.</summary>
    public CalendarObjectWriter Writer { get; }

    internal ChangeNotifier Notifier { get; }

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
