using System.Xml.Linq;
using AuroraTime.CalDav.CalDav.Filters;
using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Ical;
using AuroraTime.Ical.Reading;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.CalDav.Reports;

/// <summary>
/// CALDAV:calendar-query (RFC 4791 section 7.8). Candidates come from the store's prefilter
/// (component type and first/last occurrence columns), and only those are parsed for the exact
/// filter test. Depth 0 on a calendar object tests that object; on a calendar, Depth 0 is
/// answered like Depth 1 because Evolution lists a calendar that way (INTEROP.md).
/// </summary>
internal sealed class CalendarQueryReport(CalDavService service) : IDavReport
{
    public XName Name => CalDavNames.CalendarQuery;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode { IsCalendar: true } or StoreObjectNode { IsCalendarObject: true };

    public async Task HandleAsync(DavRequest request, IDavNode target, XElement body)
    {
        var properties = ReportProperties.Parse(body);
        // RFC 4791 7.8: "The CALDAV:filter XML element ... MUST be present".
        var filterElement = body.Element(CalDavNames.Filter) ?? throw new DavException(403, CalDavNames.ValidFilter, "calendar-query needs a CALDAV:filter.");
        var filter = FilterParser.Parse(filterElement);
        var collection = target is StoreCollectionNode calendar ? calendar.Stored : ((StoreObjectNode)target).Collection;
        // RFC 4791 9.8: CALDAV:timezone gives the zone for floating times; else the calendar's.
        var zone = body.Element(CalDavNames.CalendarTimezone) is { } tz && CalendarTimeZone.ZoneOf(tz.Value) is { } given
            ? given
            : service.Preparer.FloatingZoneOf(collection);
        var evaluator = new FilterEvaluator(service.TimeEngine, zone);
        var eventRange = PlainEventRange(filter);

        await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
        if (target is StoreObjectNode single)
        {
            var stored = new StoredObject(single.Summary, await single.GetDataAsync(request.Aborted));
            if (Matches(stored, filter, evaluator, eventRange))
            {
                await properties.WriteAsync(writer, request, service, request.HrefFor(request.Path, single), single);
            }
            return;
        }
        var query = Prefilter(filter);
        PageRequest? page = PageRequest.First(200);
        while (page is not null)
        {
            var candidates = await service.Store.FindObjectsInRangeAsync(collection.Ref, query, page, request.Aborted);
            foreach (var stored in candidates.Items)
            {
                if (!Matches(stored, filter, evaluator, eventRange))
                {
                    continue;
                }
                var node = new StoreObjectNode(service, collection, stored.Summary, stored.Data);
                await properties.WriteAsync(writer, request, service, request.HrefFor(request.Path.Append(DavSegment.FromName(stored.Href)), node), node);
            }
            page = candidates.NextRequest(200);
        }
    }

    /// <summary>
    /// The store query that narrows the candidates: the component type of a single top-level
    /// comp-filter, and its time-range. Anything it lets through is tested exactly afterwards.
    /// </summary>
    internal static TimeRangeQuery Prefilter(CompFilter filter)
    {
        if (filter.CompFilters.Count != 1 || !filter.AllOf || filter.CompFilters[0] is not { IsNotDefined: false } component
            || component.Name is not ("VEVENT" or "VTODO" or "VJOURNAL"))
        {
            return new TimeRangeQuery(null, null);
        }
        // Alarms of a component may fire outside its own span, so a VALARM range is not a prefilter.
        return component.TimeRange is { } range
            ? new TimeRangeQuery(range.Start, range.End, component.Name)
            : new TimeRangeQuery(null, null, component.Name);
    }

    /// <summary>
    /// The range of a filter that is exactly VCALENDAR &gt; VEVENT with a time-range and nothing else, the
    /// query calendar clients send for a view; null for any other filter.
    /// </summary>
    internal static TimeRangeFilter? PlainEventRange(CompFilter filter) => filter is
    {
        IsNotDefined: false, TimeRange: null, PropFilters.Count: 0,
        CompFilters: [{ Name: "VEVENT", IsNotDefined: false, TimeRange: { } range, PropFilters.Count: 0, CompFilters.Count: 0 }],
    }
        ? range
        : null;

    private static bool Matches(StoredObject stored, CompFilter filter, FilterEvaluator evaluator, TimeRangeFilter? eventRange)
    {
        if (eventRange is { } range)
        {
            // The instances stored with the object (EventSpanIndex) decide a view's query exactly, series
            // included; objects without them (floating times, unbounded series, older rows) try the stored
            // bounds of a single event strictly inside the range (StoredRangeShortcut), then the exact test.
            if (stored.InstanceIndex is { } index && EventSpanIndex.Overlaps(index, range.Start, range.End) is { } decided)
            {
                return decided;
            }
            if (StoredRangeShortcut.BoundsLieInside(stored.Summary, range.Start, range.End)
                && StoredRangeShortcut.HasOnlySingleInstances(stored.Data.Span, "VEVENT"))
            {
                return true;
            }
        }
        try
        {
            var calendar = CalendarParser.ParseSingle(stored.Data.Span, IcalReaderOptions.Lenient);
            return evaluator.Matches(calendar, filter);
        }
        catch (IcalFormatException)
        {
            return false; // stored objects were validated; a later parser change must not fail the query.
        }
    }
}
