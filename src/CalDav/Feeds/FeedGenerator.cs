using System.Buffers;
using System.IO.Pipelines;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeRange;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// Writes a feed as one VCALENDAR (RFC 5545 section 3.4, METHOD:PUBLISH per RFC 5546 section 3.2.1)
/// straight to a <see cref="PipeWriter"/>, one store page at a time, so memory stays flat however
/// large the calendar is. Events are selected with the store's time-range prefilter, then the
/// engine's exact RFC 4791 section 9.9 test; a recurring object is written whole (master and
/// overrides, not expanded). Each TZID in use gets one VTIMEZONE (RFC 5545 section 3.2.19), written
/// before the first event that needs it: the object's own definition, else one built from tzdb.
/// Only VEVENTs are published, not VTODOs: Google Calendar, Apple Calendar and Outlook show the events
/// of a subscribed calendar and ignore its tasks (Outlook ignores VTODO in imported calendars), so tasks
/// would only add size towards Google's ~1 MB limit and expose data no subscriber displays; and a task
/// blocks no time, so it has no busy-only form.
/// </summary>
public sealed class FeedGenerator(IStore store, FeedOptions options)
{
    private const string ProductId = "-//AuroraTime//aurora feed//EN";

    private readonly FeedTimeZoneCache timeZones = new();
    private readonly FeedLastModifiedCache lastModified = new();

    /// <summary>Per-object output kept between requests (bounded by <see cref="FeedOptions.ObjectCacheBytes"/>).</summary>
    public FeedObjectCache ObjectCache { get; } = new(options.ObjectCacheBytes);

    /// <summary>
    /// Last-Modified (RFC 9110 section 8.8.2): the newest change of any member of the feed's calendars
    /// (metadata only), but never before <paramref name="notBefore"/>. The host passes the start of the
    /// current UTC day: the window moves daily, and a deletion leaves no member with a newer time, so
    /// If-Modified-Since clients get a fresh feed at least once a day. ETag clients see every change at once.
    /// </summary>
    public async Task<Instant> LastModifiedAsync(FeedSource source, Instant notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var latest = Instant.Max(source.Link.CreatedAt, notBefore);
        foreach (var calendar in source.Calendars)
        {
            latest = Instant.Max(latest, calendar.CreatedAt);
            if (lastModified.TryGet(calendar, out var newestMember))
            {
                latest = Instant.Max(latest, newestMember);
                continue;
            }
            var newest = Instant.MinValue;
            PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
            while (page is not null)
            {
                var listing = await store.ListObjectsAsync(calendar.Ref, page, cancellationToken);
                foreach (var summary in listing.Items)
                {
                    newest = Instant.Max(newest, summary.LastModified);
                }
                page = listing.NextRequest(PageRequest.MaxLimit);
            }
            lastModified.Set(calendar, newest);
            latest = Instant.Max(latest, newest);
        }
        return latest;
    }

    /// <returns>The number of VEVENTs written.</returns>
    public async Task<int> WriteAsync(FeedSource source, FeedWindow window, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        var zones = TimeZoneResolver.Default;
        var floatingZone = zones.Find(source.TimeZoneId) ?? DateTimeZone.Utc;
        var writtenZones = new HashSet<string>(StringComparer.Ordinal);
        var writer = new IcalWriter(output);
        WriteHeader(source, writer);
        var events = 0;
        var query = new TimeRangeQuery(window.Start, window.End, "VEVENT");
        foreach (var calendar in source.Calendars)
        {
            PageRequest? page = PageRequest.First(options.PageSize);
            while (page is not null)
            {
                var candidates = await store.FindObjectsInRangeAsync(calendar.Ref, query, page, cancellationToken);
                foreach (var stored in candidates.Items)
                {
                    events += WriteObject(calendar.Ref, stored, source, window, zones, floatingZone, writtenZones, output);
                }
                page = candidates.NextRequest(options.PageSize);
                var flushed = await output.FlushAsync(cancellationToken);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return events; // The client went away.
                }
            }
        }
        writer.WriteEndComponent("VCALENDAR");
        await output.FlushAsync(cancellationToken);
        return events;
    }

    private static void WriteHeader(FeedSource source, IcalWriter writer)
    {
        writer.WriteBeginComponent("VCALENDAR");
        writer.WriteProperty(new CalendarProperty("VERSION", "2.0"));
        writer.WriteProperty(new CalendarProperty("PRODID", ProductId));
        writer.WriteProperty(new CalendarProperty("CALSCALE", "GREGORIAN"));
        writer.WriteProperty(new CalendarProperty("METHOD", "PUBLISH"));
        writer.WriteProperty(new CalendarProperty("X-WR-CALNAME", TextValue.Escape(source.CalendarName)));
        writer.WriteProperty(new CalendarProperty("X-WR-TIMEZONE", TextValue.Escape(source.TimeZoneId)));
        // RFC 7986 section 5.7; X-PUBLISHED-TTL is the older name Outlook and Google read.
        writer.WriteProperty(new CalendarProperty("REFRESH-INTERVAL", [new CalendarParameter("VALUE", "DURATION")], "PT1H"));
        writer.WriteProperty(new CalendarProperty("X-PUBLISHED-TTL", "PT1H"));
    }

    private int WriteObject(
        CollectionRef calendar, StoredObject stored, FeedSource source, FeedWindow window, TimeZoneResolver zones,
        DateTimeZone floatingZone, HashSet<string> writtenZones, IBufferWriter<byte> output)
    {
        var rendered = ObjectCache.Find(calendar, stored, source.Link.TokenId);
        bool inWindow;
        if (rendered is not null)
        {
            inWindow = rendered.InWindow(stored, window, zones, floatingZone);
        }
        else
        {
            // The instances stored with the object settle most windows exactly: nothing outside is rendered.
            if (FeedRangeTest.IndexedOverlap(stored, window) == false)
            {
                return 0;
            }
            var sliced = source.Link.Scope == FeedScope.Full ? StoredEventSlicer.TrySlice(stored.Data.Span) : null;
            rendered = sliced ?? RenderParsed(stored, source.Link);
            inWindow = rendered.InWindow(stored, window, zones, floatingZone);
            // Only what was dear to produce is kept: a parse, or an exact window test (its verdict rides along).
            // A cut costs about as much as a cache lookup, and keeping every cut would hold a copy of every
            // event in the window, far beyond the cache's budget in a large calendar, so it would churn.
            if (sliced is null || rendered.RemembersExactVerdict)
            {
                ObjectCache.Add(calendar, stored, source.Link.TokenId, rendered);
            }
        }
        if (!inWindow)
        {
            return 0;
        }
        foreach (var (tzid, ownDefinition) in rendered.TimeZones)
        {
            if (writtenZones.Add(tzid))
            {
                WriteTimeZone(tzid, ownDefinition, window, zones, output);
            }
        }
        output.Write(rendered.Events);
        return rendered.EventCount;
    }

    /// <summary>Parses, reduces to the link's scope and serialises one object: the work the cache saves.</summary>
    internal static FeedObjectOutput RenderParsed(StoredObject stored, FeedLink link)
    {
        CalendarComponent parsed;
        List<CalendarComponent> events;
        try
        {
            parsed = CalendarParser.ParseSingle(stored.Data.Span, IcalReaderOptions.Lenient);
            events = FeedScopeFilter.Apply(parsed, link.Scope, link.TokenId).ToList();
        }
        catch (IcalFormatException)
        {
            return FeedObjectOutput.Unreadable; // Stored data the engine cannot read is left out rather than breaking the whole feed.
        }
        var timeZones = new List<(string Tzid, byte[]? OwnDefinition)>();
        foreach (var vevent in events)
        {
            foreach (var property in vevent.Properties)
            {
                if (property.GetParameterValue("TZID") is { Length: > 0 } tzid && !timeZones.Exists(z => z.Tzid == tzid))
                {
                    var own = parsed.GetComponents("VTIMEZONE").FirstOrDefault(z => z.GetProperty("TZID")?.RawValue == tzid);
                    timeZones.Add((tzid, own is null ? null : CalendarSerializer.Serialize(own)));
                }
            }
        }
        var serialised = new ArrayBufferWriter<byte>(Math.Max(256, stored.Data.Length));
        CalendarSerializer.Write(events, serialised);
        return FeedObjectOutput.Create(
            FeedRangeTest.HasOnlySingleInstanceEvents(parsed), serialised.WrittenSpan.ToArray(), events.Count, timeZones);
    }

    private void WriteTimeZone(string tzid, byte[]? ownDefinition, FeedWindow window, TimeZoneResolver zones, IBufferWriter<byte> output)
    {
        if (ownDefinition is not null)
        {
            output.Write(ownDefinition);
            return;
        }
        // Built over the window plus a year before it, so recurring series that started earlier resolve too.
        // The TZID is kept as the event spells it (a Windows name stays a Windows name) so the reference resolves.
        if (zones.Find(tzid) is { } zone)
        {
            output.Write(timeZones.Get(tzid, zone, window.Start - Duration.FromDays(366), window.End));
        }
    }
}
