using System.Collections.Immutable;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav.Filters;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Reports;

/// <summary>
/// CALDAV:free-busy-query (RFC 4791 section 7.10): "the server MUST return a VFREEBUSY component"
/// as text/calendar, built from the VEVENT instances in the range that are not TRANSPARENT or
/// CANCELLED (TENTATIVE ones as BUSY-TENTATIVE) and the FREEBUSY periods of stored VFREEBUSY.
/// </summary>
internal sealed class FreeBusyQueryReport(CalDavService service) : IDavReport
{
    public XName Name => CalDavNames.FreeBusyQuery;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode { IsCalendar: true };

    public async Task HandleAsync(DavRequest request, IDavNode target, XElement body)
    {
        var rangeElement = body.Element(CalDavNames.TimeRange) ?? throw new DavException(400, null, "free-busy-query needs a CALDAV:time-range.");
        var range = FilterParser.ParseTimeRange(rangeElement);
        if (range.Start is not { } start || range.End is not { } end)
        {
            throw new DavException(400, null, "free-busy-query needs both start and end.");
        }
        var collection = ((StoreCollectionNode)target).Stored;
        var zone = service.Preparer.FloatingZoneOf(collection);
        var periods = new List<(Instant Start, Instant End, string Type)>();
        PageRequest? page = PageRequest.First(200);
        while (page is not null)
        {
            var candidates = await service.Store.FindObjectsInRangeAsync(collection.Ref, new TimeRangeQuery(start, end), page, request.Aborted);
            foreach (var stored in candidates.Items)
            {
                CollectPeriods(stored, start, end, zone, periods);
            }
            page = candidates.NextRequest(200);
        }

        var stamp = IcalDateTime.FromUtc(SystemClock.Instance.GetCurrentInstant().InUtc().LocalDateTime).ToValueString();
        var properties = ImmutableArray.CreateBuilder<CalendarProperty>();
        properties.Add(new CalendarProperty("DTSTAMP", stamp));
        properties.Add(new CalendarProperty("DTSTART", Utc(start)));
        properties.Add(new CalendarProperty("DTEND", Utc(end)));
        foreach (var period in periods.OrderBy(p => p.Start).ThenBy(p => p.End))
        {
            var parameters = period.Type == "BUSY" ? ImmutableArray<CalendarParameter>.Empty : [new CalendarParameter("FBTYPE", period.Type)];
            properties.Add(new CalendarProperty("FREEBUSY", parameters, Utc(period.Start) + "/" + Utc(period.End)));
        }
        var freeBusy = new CalendarComponent("VFREEBUSY", properties.ToImmutable(), [], 0);
        var calendar = new CalendarComponent("VCALENDAR",
            [new CalendarProperty("VERSION", "2.0"), new CalendarProperty("PRODID", "-//AuroraTime//CalDAV//EN")],
            [freeBusy], 0);
        var bytes = CalendarSerializer.Serialize(calendar);
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "text/calendar; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, request.Aborted);
    }

    private void CollectPeriods(StoredObject stored, Instant start, Instant end, DateTimeZone zone, List<(Instant, Instant, string)> periods)
    {
        CalendarComponent calendar;
        try
        {
            calendar = CalendarParser.ParseSingle(stored.Data.Span, IcalReaderOptions.Lenient);
        }
        catch (IcalFormatException)
        {
            return;
        }
        foreach (var instance in service.TimeEngine.Expand(calendar, "VEVENT", null, start, end, zone))
        {
            var component = instance.Component;
            if (string.Equals(component.GetProperty("TRANSP")?.RawValue.Trim(), "TRANSPARENT", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var status = component.GetProperty("STATUS")?.RawValue.Trim().ToUpperInvariant();
            if (status == "CANCELLED" || instance.End <= instance.Start)
            {
                continue;
            }
            periods.Add((Instant.Max(instance.Start, start), Instant.Min(instance.End, end), status == "TENTATIVE" ? "BUSY-TENTATIVE" : "BUSY"));
        }
        var zones = TimeZoneResolver.Default.WithCalendar(calendar);
        foreach (var property in calendar.GetComponents("VFREEBUSY").SelectMany(fb => fb.GetProperties("FREEBUSY")))
        {
            var type = property.GetParameterValue("FBTYPE")?.ToUpperInvariant() ?? "BUSY";
            if (type == "FREE")
            {
                continue;
            }
            IReadOnlyList<IcalPeriod> list;
            try
            {
                list = DateTimeListValue.ParsePeriods(property);
            }
            catch (IcalFormatException)
            {
                continue;
            }
            foreach (var period in list)
            {
                var from = period.Start.ToInstant(zones, zone);
                var to = period.End is { } e ? e.ToInstant(zones, zone)
                    : period.Duration is { } d ? from + d.ExactPart + Duration.FromDays(d.NominalDays) : from;
                if (from < end && to > start)
                {
                    periods.Add((Instant.Max(from, start), Instant.Min(to, end), type));
                }
            }
        }
    }

    private static string Utc(Instant value) => IcalDateTime.FromUtc(value.InUtc().LocalDateTime).ToValueString();
}
