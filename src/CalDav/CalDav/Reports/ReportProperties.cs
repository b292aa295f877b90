using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.CalDav.Reports;

/// <summary>
/// The properties a calendar REPORT asks for per member: a DAV:prop list in which
/// CALDAV:calendar-data may carry a selection (RFC 4791 section 9.6).
/// </summary>
internal sealed class ReportProperties
{
    private ReportProperties(PropertyRequest others, CalendarDataSelection? calendarData)
    {
        Others = others;
        CalendarData = calendarData;
    }

    /// <summary>Everything except calendar-data, for the core's evaluator.</summary>
    public PropertyRequest Others { get; }

    /// <summary>The calendar-data request, or null when not asked for.</summary>
    public CalendarDataSelection? CalendarData { get; }

    public static ReportProperties Parse(XElement body)
    {
        var request = PropertyRequest.FromParent(body) ?? new PropertyRequest(PropertyRequestKind.Named, [DavNames.GetETag]);
        var dataElement = body.Element(DavNames.Prop)?.Element(CalDavNames.CalendarData);
        if (dataElement is null)
        {
            return new ReportProperties(request, null);
        }
        var others = request with { Names = [.. request.Names.Where(n => n != CalDavNames.CalendarData)] };
        return new ReportProperties(others, CalendarDataSelection.Parse(dataElement));
    }

    /// <summary>Writes one member's DAV:response.</summary>
    public async Task WriteAsync(MultistatusWriter writer, DavRequest request, CalDavService service, string href, IDavNode node)
    {
        var results = await PropertyEvaluator.EvaluateAsync(request, node, Others);
        if (CalendarData is { } selection)
        {
            if (node is StoreObjectNode { IsCalendarObject: true } calendarObject)
            {
                var data = await calendarObject.GetDataAsync(request.Aborted);
                // The whole object is written from its stored UTF-8, escaped on the way out (RFC 4791 9.6:
                // the content is the iCalendar text); only a partial or expanded one is rendered.
                results.Add(selection.IsWholeObject
                    ? PropertyResult.FoundUtf8Text(CalDavNames.CalendarData, data)
                    : PropertyResult.FoundText(CalDavNames.CalendarData,
                        selection.Render(data, service.TimeEngine, service.Preparer.FloatingZoneOf(calendarObject.Collection))));
            }
            else
            {
                results.Add(new PropertyResult(CalDavNames.CalendarData, 404));
            }
        }
        await writer.WriteResponseAsync(href, results);
    }
}

/// <summary>Turns hrefs from request bodies into tree paths.</summary>
internal static class HrefResolver
{
    /// <summary>The mount point as a path, parsed once per request; null if it does not parse (then no href resolves).</summary>
    public static WebDav.Http.DavPath? MountOf(DavRequest request) =>
        WebDav.Http.DavPath.TryParse(request.EncodedBase, out var mount) ? mount : null;

    /// <summary>
    /// The common case of a multiget: the href is the collection's own href (<paramref name="memberPrefix"/>,
    /// as DavPath.ToHref spells it, ending in '/') followed by one segment. Then the member's decoded name
    /// is known without parsing the whole path; anything else (a full URL, another spelling of the
    /// collection, doubled slashes) returns false and goes through <see cref="Resolve"/>, which gives the
    /// same answer for the hrefs accepted here.
    /// </summary>
    public static bool TryMemberName(string memberPrefix, string href, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        var text = href.AsSpan().Trim();
        if (text.Length <= memberPrefix.Length || !text.StartsWith(memberPrefix, StringComparison.Ordinal)
            || text[memberPrefix.Length..].Contains('/')
            || !WebDav.Http.DavSegment.TryDecode(text[memberPrefix.Length..].ToString(), out var segment)
            || segment.Name is "." or "..")
        {
            return false;
        }
        name = segment.Name;
        return true;
    }

    /// <summary>The path inside the tree, or null when the href is not under the mount point or malformed.</summary>
    public static WebDav.Http.DavPath? Resolve(WebDav.Http.DavPath? mount, string href)
    {
        var text = href.Trim();
        // Only a full URL needs Uri; clients nearly always send a path, which (on Unix) Uri would take for
        // a file: URL and which is costly to build per href of a multiget.
        if (!text.StartsWith('/') && Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            text = absolute.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
            text = "/" + text.TrimStart('/');
        }
        if (mount is null || !text.StartsWith('/') || !WebDav.Http.DavPath.TryParse(text, out var full))
        {
            return null;
        }
        return full.RelativeTo(mount);
    }
}
