using System.Xml.Linq;
using AuroraTime.CalDav.WebDav;
using NodaTime;
using AuroraTime.Ical.Values;

namespace AuroraTime.CalDav.CalDav.Filters;

/// <summary>
/// Reads CALDAV:filter (RFC 4791 section 9.7). "The CALDAV:filter element ... MUST contain a
/// single CALDAV:comp-filter element" naming VCALENDAR; malformed filters are 403 CALDAV:valid-filter,
/// unknown collations 403 CALDAV:supported-collation (RFC 4791 section 7.5.1).
/// </summary>
public static class FilterParser
{
    /// <summary>Collations every CalDAV server MUST support (RFC 4791 7.5.1), plus i;unicode-casemap (RFC 5051).</summary>
    public static readonly IReadOnlySet<string> Collations = new HashSet<string>(StringComparer.Ordinal) { "i;ascii-casemap", "i;octet", "i;unicode-casemap" };

    public static CompFilter Parse(XElement filter)
    {
        var comps = filter.Elements(CalDavNames.CompFilter).ToList();
        if (comps.Count != 1 || !string.Equals((string?)comps[0].Attribute("name"), "VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("CALDAV:filter needs exactly one comp-filter named VCALENDAR.");
        }
        return ParseComp(comps[0]);
    }

    private static CompFilter ParseComp(XElement element) => new(
        Name(element),
        element.Element(CalDavNames.IsNotDefined) is not null,
        element.Element(CalDavNames.TimeRange) is { } range ? ParseTimeRange(range) : null,
        [.. element.Elements(CalDavNames.PropFilter).Select(ParseProp)],
        [.. element.Elements(CalDavNames.CompFilter).Select(ParseComp)],
        AllOf(element));

    private static PropFilter ParseProp(XElement element) => new(
        Name(element),
        element.Element(CalDavNames.IsNotDefined) is not null,
        element.Element(CalDavNames.TimeRange) is { } range ? ParseTimeRange(range) : null,
        element.Element(CalDavNames.TextMatch) is { } match ? ParseTextMatch(match) : null,
        [.. element.Elements(CalDavNames.ParamFilter).Select(ParseParam)],
        AllOf(element));

    private static ParamFilter ParseParam(XElement element) => new(
        Name(element),
        element.Element(CalDavNames.IsNotDefined) is not null,
        element.Element(CalDavNames.TextMatch) is { } match ? ParseTextMatch(match) : null);

    /// <summary>RFC 4791 filters are all-of; a test="anyof" attribute (RFC 6352, CardDAV, which some clients reuse) switches to any-of.</summary>
    private static bool AllOf(XElement element) => !string.Equals((string?)element.Attribute("test"), "anyof", StringComparison.OrdinalIgnoreCase);

    public static TextMatchFilter ParseTextMatch(XElement element)
    {
        var collation = (string?)element.Attribute("collation") ?? "i;ascii-casemap";
        if (!Collations.Contains(collation))
        {
            throw new DavException(403, CalDavNames.SupportedCollation, $"The collation {collation} is not supported.");
        }
        var negate = string.Equals((string?)element.Attribute("negate-condition"), "yes", StringComparison.OrdinalIgnoreCase);
        return new TextMatchFilter(element.Value, collation, negate);
    }

    /// <summary>RFC 4791 9.9: start and end are "date with UTC time" values; at least one is present.</summary>
    public static TimeRangeFilter ParseTimeRange(XElement element)
    {
        var start = ParseUtc((string?)element.Attribute("start"));
        var end = ParseUtc((string?)element.Attribute("end"));
        if (start is null && end is null)
        {
            throw Invalid("CALDAV:time-range needs start or end.");
        }
        if (start is { } s && end is { } e && e <= s)
        {
            throw Invalid("CALDAV:time-range end must be after start.");
        }
        return new TimeRangeFilter(start, end);
    }

    /// <summary>
    /// RFC 4791 9.9: a "date with UTC time" (RFC 5545 3.3.5 form #2), read by the iCalendar engine's own
    /// DATE-TIME reader: a NodaTime text pattern builds its culture tables on first use, about 60 ms of JIT
    /// on the first calendar-query after a start (perf on the bench/peers run).
    /// </summary>
    public static Instant? ParseUtc(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return IcalDateTime.TryParse(text.Trim(), null, valueIsDate: false, out var value) && value.Kind == IcalTimeKind.Utc
            ? value.Local.InUtc().ToInstant()
            : throw Invalid($"'{text}' is not a UTC date-time like 20060104T000000Z.");
    }

    private static string Name(XElement element) =>
        (string?)element.Attribute("name") is { Length: > 0 } name ? name.ToUpperInvariant() : throw Invalid($"{element.Name.LocalName} needs a name.");

    private static DavException Invalid(string message) => new(403, CalDavNames.ValidFilter, message);
}
