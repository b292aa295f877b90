using System.Collections.Immutable;
using AuroraTime.Ical;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Calendars;

/// <summary>
/// Writes a whole calendar as one VCALENDAR (RFC 5545 section 3.4): every object's components, and
/// each VTIMEZONE once (the first stored definition of a TZID wins).
/// </summary>
public sealed class CalendarExporter(IStore store)
{
    private const int BatchSize = 100;

    /// <summary>The calendar, or null when the account has no calendar of that name.</summary>
    public async Task<ExportResult?> ExportAsync(string userName, string calendarName, CancellationToken cancellationToken = default)
    {
        if (!ResourceNames.IsValidSegment(userName) || !ResourceNames.IsValidSegment(calendarName))
        {
            return null;
        }
        var calendar = new CollectionRef(userName, calendarName);
        var collection = await store.GetCollectionAsync(calendar, cancellationToken);
        if (collection is not { Kind: CollectionKind.Calendar })
        {
            return null;
        }

        var zones = new Dictionary<string, CalendarComponent>(StringComparer.Ordinal);
        var components = new List<CalendarComponent>();
        var skipped = new List<string>();
        PageRequest? page = PageRequest.First(BatchSize);
        while (page is not null)
        {
            var listing = await store.ListObjectsAsync(calendar, page, cancellationToken);
            var objects = await store.GetObjectsAsync(calendar, listing.Items.Select(o => o.Href).ToList(), cancellationToken);
            foreach (var stored in objects)
            {
                CalendarComponent parsed;
                try
                {
                    parsed = CalendarParser.ParseSingle(stored.Data.Span, IcalReaderOptions.Lenient);
                }
                catch (IcalFormatException e)
                {
                    skipped.Add($"{stored.Href}: {e.Message}");
                    continue;
                }
                foreach (var child in parsed.Components)
                {
                    if (child.Name != "VTIMEZONE")
                    {
                        components.Add(child);
                    }
                    else if (child.GetProperty("TZID")?.RawValue is { Length: > 0 } tzid)
                    {
                        zones.TryAdd(tzid, child);
                    }
                }
            }
            page = listing.NextRequest(BatchSize);
        }

        var properties = ImmutableArray.CreateBuilder<CalendarProperty>();
        properties.Add(new CalendarProperty("VERSION", "2.0"));
        properties.Add(new CalendarProperty("PRODID", "-//AuroraTime//aurora export//EN"));
        if (collection.Properties.DisplayName is { Length: > 0 } name)
        {
            properties.Add(new CalendarProperty("X-WR-CALNAME", TextValue.Escape(name)));
        }
        var vcalendar = new CalendarComponent("VCALENDAR", properties.ToImmutable(), [.. zones.Values, .. components]);
        return new ExportResult(CalendarSerializer.Serialize(vcalendar), components.Count, zones.Count, skipped);
    }
}

/// <param name="Skipped">Stored objects that could not be read, with the reason.</param>
public sealed record ExportResult(byte[] Content, int ComponentCount, int TimeZoneCount, IReadOnlyList<string> Skipped);
